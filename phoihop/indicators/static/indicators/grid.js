/* The entry grid: spreadsheet-like keyboard moves between cells.
 *
 * Tab / Shift+Tab move as the browser does. Enter goes to the first cell of the next row
 * (Shift+Enter: the row above); the arrows move up and down in the same column, and left/right
 * once the caret is at the edge of the text.
 * Saving is htmx's job (hx-trigger="change" on each cell): leaving a changed cell saves it.
 * No inline script anywhere (Content-Security-Policy), so this file is loaded with `defer`.
 */
(function () {
  "use strict";

  function cells(grid) {
    return Array.prototype.slice.call(grid.querySelectorAll("[data-cell]:not([disabled])"));
  }

  function at(grid, row, col) {
    return grid.querySelector('[data-cell][data-row="' + row + '"][data-col="' + col + '"]:not([disabled])');
  }

  function vertical(grid, input, step) {
    var row = parseInt(input.dataset.row, 10);
    var col = input.dataset.col;
    var last = parseInt(grid.dataset.rows, 10);
    for (var r = row + step; r >= 0 && r < last; r += step) {
      var next = at(grid, r, col);
      if (next) { return next; }
    }
    return null;
  }

  function rowStart(grid, input, step) {
    // Enter goes to the first cell of the next row that has one, like moving to the next line.
    var row = parseInt(input.dataset.row, 10);
    var last = parseInt(grid.dataset.rows, 10);
    for (var r = row + step; r >= 0 && r < last; r += step) {
      var first = grid.querySelector('[data-cell][data-row="' + r + '"]:not([disabled])');
      if (first) { return first; }
    }
    return null;
  }

  function sideways(grid, input, step) {
    var all = cells(grid);
    var index = all.indexOf(input) + step;
    return index >= 0 && index < all.length ? all[index] : null;
  }

  function go(target) {
    if (!target) { return; }
    target.focus();
    if (target.select) { target.select(); }
  }

  function onKey(event) {
    var input = event.target;
    if (!input.matches || !input.matches("[data-cell]")) { return; }
    var grid = input.closest(".entry-grid");
    var textual = input.tagName === "INPUT" && input.type === "text";
    var start = textual ? input.selectionStart : 0;
    var end = textual ? input.selectionEnd : 0;
    var length = textual ? input.value.length : 0;
    var target = null;
    switch (event.key) {
      case "Enter":
        if (input.tagName === "TEXTAREA" && event.altKey) { return; }
        target = rowStart(grid, input, event.shiftKey ? -1 : 1);
        if (!target) { input.blur(); input.focus(); }
        break;
      case "ArrowDown":
        target = vertical(grid, input, 1);
        break;
      case "ArrowUp":
        target = vertical(grid, input, -1);
        break;
      case "ArrowLeft":
        if (start !== 0 || end !== 0) { return; }
        target = sideways(grid, input, -1);
        break;
      case "ArrowRight":
        if (start !== length || end !== length) { return; }
        target = sideways(grid, input, 1);
        break;
      default:
        return;
    }
    event.preventDefault();
    if (target) {
      // Moving away fires "change" on the cell left, which htmx turns into a save.
      go(target);
    }
  }

  document.addEventListener("keydown", onKey);

  // The saved state of each cell, shown while htmx is busy and after it answers.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var cell = event.detail.elt;
    if (cell.matches && cell.matches("[data-cell]")) { cell.classList.add("saving"); }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var cell = event.detail.elt;
    if (!cell.matches || !cell.matches("[data-cell]")) { return; }
    cell.classList.remove("saving");
    cell.classList.toggle("save-failed", !event.detail.successful);
  });
})();

/* The period picker of the grid and the dashboards: go to the chosen period's page. */
document.addEventListener("change", function (event) {
  var select = event.target;
  if (!select.matches || !select.matches(".js-period-pick")) { return; }
  window.location.href = select.dataset.base.replace("PERIOD", encodeURIComponent(select.value));
});
