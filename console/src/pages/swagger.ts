// Loaded on /docs only: Swagger UI and its styles are most of the console's weight.
import SwaggerUIBundle from 'swagger-ui-dist/swagger-ui-es-bundle.js';
import 'swagger-ui-dist/swagger-ui.css';

export default SwaggerUIBundle;
