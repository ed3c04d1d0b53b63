// Starts Swagger UI on the API docs page with the options the page carries as JSON data
// (no inline script, so the Content-Security-Policy needs no exception).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const options = JSON.parse(document.getElementById("swagger-options").textContent);
  window.SwaggerUIBundle({
    ...options,
    dom_id: "#swagger-ui",
    presets: [window.SwaggerUIBundle.presets.apis],
  });
});
