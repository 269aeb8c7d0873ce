// Write the page numbers into the contents ({entry id: page}); true for each one that changed.
(numbers) => [...document.querySelectorAll('.book-pdf-page')].map(el => {
  const n = String(numbers[el.dataset.id] || '');
  const changed = el.textContent !== n;
  el.textContent = n;
  return changed;
})
