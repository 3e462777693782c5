// Runs before the page renders: marks that JavaScript is available, so the CSS can show
// the collapsed menu to browsers without it.
document.documentElement.classList.remove("no-js");
document.documentElement.classList.add("js");
