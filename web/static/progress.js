// Comfort only: forms marked with a progress line show it while the server works (the forms
// work the same without this script).
document.querySelectorAll('form').forEach(function (form) {
  var line = form.querySelector('.progress');
  if (!line) return;
  form.addEventListener('submit', function () {
    line.hidden = false;
    var button = form.querySelector('button[type=submit]');
    if (button) button.disabled = true;
  });
});
