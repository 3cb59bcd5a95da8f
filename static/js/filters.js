// Applies the commitment list's filters as soon as a choice changes; the button stays for
// visitors without JavaScript.
"use strict";

document.querySelectorAll("form[data-autosubmit]").forEach((form) => {
  form.addEventListener("change", (event) => {
    if (event.target.matches("select")) form.requestSubmit();
  });
});
