/* Replaces pydata-sphinx-theme's 1.5 MB fontawesome.js (Font Awesome's SVG+JS build, every icon).
   The theme's stylesheet already carries Font Awesome 6's web-font CSS, which draws the same icons,
   so this page weight is not needed. See assets/README.md. */
