package org.nxhl.bridge.signature;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * Checks a HighLevel webhook's signature on the raw request bytes: {@code x-ghl-signature} (Ed25519)
 * when present, and only without it the older {@code x-wh-signature} (RSA with SHA-256).
 */
public class HighLevelWebhookVerifier {

    private final PublicKey ed25519;
    private final PublicKey rsa;

    /** {@code ed25519} may be null: then only the RSA signature can be accepted. */
    public HighLevelWebhookVerifier(PublicKey ed25519, PublicKey rsa) {
        this.ed25519 = ed25519;
        this.rsa = rsa;
    }

    public boolean verify(byte[] raw, String ghlSignature, String whSignature) {
        if (ghlSignature != null) {
            return ed25519 != null && check("Ed25519", ed25519, raw, ghlSignature);
        }
        return whSignature != null && check("SHA256withRSA", rsa, raw, whSignature);
    }

    private static boolean check(String algorithm, PublicKey key, byte[] raw, String signature) {
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(key);
            verifier.update(raw);
            return verifier.verify(Base64.getDecoder().decode(signature.trim()));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}
