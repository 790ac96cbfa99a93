// A calendar button beside every date field (input[data-datepicker]). The field stays a
// text field, so "6/3/2017" and "06-03-2017" are still typed as officials write them; the
// button opens the browser's own date picker and writes the chosen day as dd/mm/yyyy.
(function () {
  function toIso(text) {
    var m = /^\s*(\d{1,2})[\/.\-](\d{1,2})[\/.\-](\d{4})\s*$/.exec(text || "");
    if (!m) return "";
    return m[3] + "-" + ("0" + m[2]).slice(-2) + "-" + ("0" + m[1]).slice(-2);
  }
  function attach(input) {
    if (input.dataset.datepickerReady) return;
    input.dataset.datepickerReady = "1";
    var picker = document.createElement("input");
    picker.type = "date";
    picker.tabIndex = -1;
    picker.className = "date-picker-native";
    picker.setAttribute("aria-hidden", "true");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "date-picker-button";
    button.textContent = "📅";
    button.setAttribute("aria-label", input.dataset.datepickerLabel || "Chọn ngày");
    button.title = button.getAttribute("aria-label");
    button.addEventListener("click", function () {
      picker.value = toIso(input.value);
      if (picker.showPicker) picker.showPicker(); else picker.click();
    });
    picker.addEventListener("change", function () {
      var parts = picker.value.split("-");
      if (parts.length !== 3) return;
      input.value = parts[2] + "/" + parts[1] + "/" + parts[0];
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
    input.insertAdjacentElement("afterend", button);
    button.insertAdjacentElement("afterend", picker);
  }
  function scan(root) {
    (root.querySelectorAll ? root : document).querySelectorAll("input[data-datepicker]").forEach(attach);
  }
  document.addEventListener("DOMContentLoaded", function () { scan(document); });
  document.addEventListener("htmx:load", function (event) { scan(event.target); });
})();
