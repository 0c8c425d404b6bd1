package org.nxhl.bridge.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An answer other than success, thrown from deep inside an operation; carries the JSON body. */
public final class ApiError extends RuntimeException {

    private final int status;
    private final transient Map<String, Object> body;

    public ApiError(int status, Map<String, Object> body) {
        super(String.valueOf(body.get("message")), null, false, false);
        this.status = status;
        this.body = body;
    }

    public static ApiError badRequest(String message) {
        return of(400, message);
    }

    public static ApiError unauthorized(String message) {
        return of(401, message);
    }

    public static ApiError forbidden(String message) {
        return of(403, message);
    }

    /** Validation failure: HighLevel sends {@code message} as an array of strings. */
    public static ApiError unprocessable(List<String> messages) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("statusCode", 422);
        body.put("message", List.copyOf(messages));
        body.put("error", "Unprocessable Entity");
        return new ApiError(422, body);
    }

    public static ApiError unprocessable(String message) {
        return unprocessable(List.of(message));
    }

    public static ApiError of(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("statusCode", status);
        body.put("message", message);
        return new ApiError(status, body);
    }

    public int status() {
        return status;
    }

    public SandboxResponse toResponse() {
        return SandboxResponse.json(status, body);
    }
}
