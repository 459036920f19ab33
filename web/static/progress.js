// Comfort only: forms with a progress line show it while the server works, and their submit
// button is disabled so a second click does not send the form twice (only forms whose button
// carries no value use this: a disabled submitter would drop its value). The forms work the
// same without this script.
document.querySelectorAll('form').forEach(function (form) {
  var line = form.querySelector('.progress');
  if (!line) return;
  form.addEventListener('submit', function () {
    line.hidden = false;
    var button = form.querySelector('button[type=submit]');
    if (button) button.disabled = true;
  });
});
