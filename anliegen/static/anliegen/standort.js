// "Use my location": the browser's own geolocation, nothing is sent to any third party.
// Without JavaScript (or without permission) the street field is all that is needed.
document.addEventListener("DOMContentLoaded", function () {
  var button = document.getElementById("standort-button");
  if (!button || !("geolocation" in navigator)) {
    return;
  }
  var lat = document.getElementById("id_lat");
  var lon = document.getElementById("id_lon");
  var status = document.getElementById("standort-status");
  button.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = button.dataset.waiting;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        lat.value = position.coords.latitude.toFixed(6);
        lon.value = position.coords.longitude.toFixed(6);
        status.textContent = button.dataset.done;
      },
      function () {
        status.textContent = button.dataset.failed;
      },
      { enableHighAccuracy: true, timeout: 15000 }
    );
  });
});
