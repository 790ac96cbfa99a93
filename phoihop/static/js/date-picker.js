// A calendar button beside every date field (input[data-datepicker]). The field stays a
// text field, so "6/3/2017" and "06-03-2017" are still typed as officials write them; the
// button opens the browser's own date picker and writes the chosen day as dd/mm/yyyy.
(function () {
  var ICON = '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">' +
    '<rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="currentColor"/>' +
    '<path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor"/></svg>';
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
    button.tabIndex = -1; // typing the date stays the keyboard way; the button is for the mouse
    button.className = "date-picker-button";
    button.innerHTML = ICON;
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
    var wrapper = document.createElement("span");
    wrapper.className = "date-field";
    input.insertAdjacentElement("beforebegin", wrapper);
    wrapper.appendChild(input);
    wrapper.appendChild(button);
    wrapper.appendChild(picker);
  }
  function scan(root) {
    (root.querySelectorAll ? root : document).querySelectorAll("input[data-datepicker]").forEach(attach);
  }
  document.addEventListener("DOMContentLoaded", function () { scan(document); });
  document.addEventListener("htmx:load", function (event) { scan(event.target); });
})();
