package org.nxhl.bridge.oauth;

/**
 * A token request was sent but no answer came back. HighLevel may have carried it out: a refresh token
 * sent this way may be used up, and the tokens that replaced it are lost with the answer.
 */
public class TokenAnswerLostException extends RuntimeException {

    public TokenAnswerLostException(String what, Throwable cause) {
        super(what + " got no answer: " + cause.getClass().getSimpleName());
    }
}
