// Narrow a long <select> by typing: <input data-filter-select="ID"> hides the options of the
// select #ID whose text does not contain every typed word. Accents and case do not matter,
// as everywhere in phoihop ("ldld ha noi" finds "LĐLĐ thành phố Hà Nội").
(function () {
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d").toLowerCase();
  }
  function narrow(input) {
    var select = document.getElementById(input.dataset.filterSelect);
    if (!select) return;
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    var firstShown = null;
    Array.prototype.forEach.call(select.options, function (option) {
      var text = fold(option.textContent);
      var shown = !option.value || words.every(function (w) { return text.indexOf(w) >= 0; });
      option.hidden = !shown;
      if (shown && option.value && firstShown === null) firstShown = option;
    });
    if (words.length && firstShown && select.selectedOptions[0] && select.selectedOptions[0].hidden) {
      select.value = firstShown.value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("input[data-filter-select]")) narrow(event.target);
  });
  document.addEventListener("keydown", function (event) {
    // Enter in the filter moves on to the select instead of submitting the form.
    if (event.key === "Enter" && event.target.matches && event.target.matches("input[data-filter-select]")) {
      event.preventDefault();
      var select = document.getElementById(event.target.dataset.filterSelect);
      if (select) select.focus();
    }
  });
})();
