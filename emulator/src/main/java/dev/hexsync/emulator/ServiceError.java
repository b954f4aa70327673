package dev.hexsync.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error the service answers with: a status and the {@code {"error": {name, code, status, description,
 * details?}}} body of the service's {@code ServiceError.toJSON()}. Thrown inside the emulator's routes.
 */
final class ServiceError extends RuntimeException {

    private final int status;
    private final String name;
    private final String code;
    private final String description;
    private final String details;
    private final String severity;

    ServiceError(int status, String name, String code, String description, String details) {
        this(status, name, code, description, details, null);
    }

    ServiceError(int status, String name, String code, String description, String details, String severity) {
        super("[" + code + "] " + description + (details == null ? "" : ": " + details));
        this.status = status;
        this.name = name;
        this.code = code;
        this.description = description;
        this.details = details;
        this.severity = severity;
    }

    static ServiceError validation(String details) {
        return new ServiceError(400, "ValidationError", "PSYNC_S2001", "Validation failed", details);
    }

    /** A schema validation failure: the service lists the errors as a JSON array in {@code details}. */
    static ServiceError validation(List<String> errors) {
        StringBuilder details = new StringBuilder("[");
        for (String error : errors) {
            if (details.length() > 1) {
                details.append(',');
            }
            details.append('"').append(error.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return validation(details.append(']').toString());
    }

    /** The web framework's answer to a body that is not JSON, before any route runs. */
    static ServiceError unreadableBody(boolean empty) {
        return empty
                ? new ServiceError(400, "FastifyError", "FST_ERR_CTP_EMPTY_JSON_BODY",
                        "Body cannot be empty when content-type is set to 'application/json'", null)
                : new ServiceError(400, "FastifyError", "FST_ERR_CTP_INVALID_JSON_BODY",
                        "Body is not valid JSON but content-type is set to 'application/json'", null);
    }

    static ServiceError unauthorized(String code, String description, String details) {
        return new ServiceError(401, "AuthorizationError", code, description, details);
    }

    static ServiceError routeNotFound(String method, String path) {
        return new ServiceError(404, "RouteNotFound", "PSYNC_S2002", "The path does not exist on this server",
                "The path " + method + " \"" + path + "\" does not exist on this server", "info");
    }

    static ServiceError internal(String details) {
        return new ServiceError(500, "InternalServerError", "PSYNC_S2001", "Something went wrong", details);
    }

    /** The error the real service gives for a status, for the fault switches. */
    static ServiceError forStatus(int status) {
        return switch (status) {
            case 400 -> validation("injected fault");
            case 401 -> unauthorized("PSYNC_S2101", "Authorization failed", "injected fault");
            case 404 -> routeNotFound("GET", "injected fault");
            case 500 -> new ServiceError(500, "ServiceError", "PSYNC_S2302", "No sync rules available",
                    "injected fault");
            case 503 -> new ServiceError(503, "ServiceError", "PSYNC_S2003", "Service is shutting down",
                    "injected fault");
            default -> new ServiceError(status, "ServiceError", "PSYNC_S2001", "Injected fault", null);
        };
    }

    int status() {
        return status;
    }

    /** The service sends 429 with an empty body. */
    boolean hasBody() {
        return status != 429;
    }

    Map<String, Object> body() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("name", name);
        error.put("code", code);
        error.put("status", status);
        error.put("description", description);
        if (details != null) {
            error.put("details", details);
        }
        if (severity != null) {
            error.put("severity", severity);
        }
        return Map.of("error", error);
    }
}
