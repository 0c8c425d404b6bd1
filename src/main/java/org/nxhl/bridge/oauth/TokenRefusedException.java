package org.nxhl.bridge.oauth;

/** HighLevel's token endpoint answered with an OAuth error, e.g. {@code invalid_grant}. */
public class TokenRefusedException extends RuntimeException {

    private final int status;
    private final String error;

    public TokenRefusedException(int status, String error, String description) {
        super("HighLevel refused the token request with " + status + " " + error
                + (description == null || description.isBlank() ? "" : ": " + description));
        this.status = status;
        this.error = error;
    }

    public boolean invalidGrant() {
        return "invalid_grant".equals(error);
    }

    /** A refusal that a later try may not meet: a server error or the rate limit. */
    public boolean passing() {
        return status >= 500 || status == 429;
    }
}
