// Starts the self-hosted Swagger UI of /api/docs (the bundle is loaded before this module).
const box = document.getElementById("swagger-ui");
window.SwaggerUIBundle({ url: box.getAttribute("data-openapi"), dom_id: "#swagger-ui" });
