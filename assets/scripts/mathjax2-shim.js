// The widget renderer typesets widget labels with MathJax 2's MathJax.Hub.Queue; the site runs
// MathJax 3, which has no Hub. Give every MathJax object a Hub whose Queue forwards to MathJax 3.
(function () {
  var current = window.MathJax;
  function queue(job) {
    var element = job && job[2];
    var mj = current;
    if (!element || !mj || !mj.startup || !mj.startup.promise) return;
    mj.startup.promise
      .then(function () { return mj.typesetPromise && mj.typesetPromise([element]); })
      .catch(function () {});
  }
  function withHub(mj) {
    if (mj && typeof mj === "object" && !mj.Hub) {
      Object.defineProperty(mj, "Hub", { value: { Queue: queue }, enumerable: false, configurable: true });
    }
    return mj;
  }
  current = withHub(current);
  Object.defineProperty(window, "MathJax", {
    configurable: true,
    get: function () { return current; },
    set: function (value) { current = withHub(value); },
  });
})();
