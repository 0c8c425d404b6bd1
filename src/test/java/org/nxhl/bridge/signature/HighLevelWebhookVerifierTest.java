package org.nxhl.bridge.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class HighLevelWebhookVerifierTest {

    private static final String BODY = "{\"type\":\"TaskComplete\",\"locationId\":\"loc1\",\"id\":\"task1\","
            + "\"timestamp\":\"2025-01-28T14:35:00Z\",\"webhookId\":\"abc123xyz\"}";
    private static final String RESPACED = "{ \"type\": \"TaskComplete\", \"locationId\": \"loc1\","
            + " \"id\": \"task1\","
            + " \"timestamp\": \"2025-01-28T14:35:00Z\", \"webhookId\": \"abc123xyz\" }";

    private final KeyPair ed25519 = generate("Ed25519", 0);
    private final KeyPair rsa = generate("RSA", 2048);
    private final HighLevelWebhookVerifier verifier = new HighLevelWebhookVerifier(ed25519.getPublic(),
            rsa.getPublic());

    @Test
    void anEd25519SignatureMadeWithTheConfiguredKeyPairIsAccepted() {
        assertThat(verifier.verify(bytes(BODY), sign("Ed25519", ed25519.getPrivate(), BODY), null)).isTrue();
    }

    @Test
    void anRsaSignatureIsAcceptedOnlyWhenThereIsNoEd25519Header() {
        String rsaSignature = sign("SHA256withRSA", rsa.getPrivate(), BODY);
        assertThat(verifier.verify(bytes(BODY), null, rsaSignature)).isTrue();
        String badEd25519 = sign("Ed25519", generate("Ed25519", 0).getPrivate(), BODY);
        assertThat(verifier.verify(bytes(BODY), badEd25519, rsaSignature)).isFalse();
    }

    @Test
    void oneChangedByteIsRefusedWithEitherSignature() {
        byte[] changed = bytes(BODY);
        changed[changed.length - 3] ^= 0x01;
        assertThat(verifier.verify(changed, sign("Ed25519", ed25519.getPrivate(), BODY), null)).isFalse();
        assertThat(verifier.verify(changed, null, sign("SHA256withRSA", rsa.getPrivate(), BODY))).isFalse();
    }

    @Test
    void theSameJsonSerialisedWithOtherSpacingIsRefused() {
        assertThat(verifier.verify(bytes(RESPACED), sign("Ed25519", ed25519.getPrivate(), BODY),
                null)).isFalse();
        assertThat(verifier.verify(bytes(RESPACED), null, sign("SHA256withRSA", rsa.getPrivate(),
                BODY))).isFalse();
    }

    @Test
    void noSignatureAGarbledOneOrAKeyOfAnotherPairIsRefused() {
        assertThat(verifier.verify(bytes(BODY), null, null)).isFalse();
        assertThat(verifier.verify(bytes(BODY), "not base64 at all!", null)).isFalse();
        String other = sign("SHA256withRSA", generate("RSA", 2048).getPrivate(), BODY);
        assertThat(verifier.verify(bytes(BODY), null, other)).isFalse();
    }

    @Test
    void thePublishedHighLevelKeyIsParsedAsA4096BitRsaKey() {
        RSAPublicKey key = (RSAPublicKey) PublicKeys.read(PublicKeys.HIGHLEVEL_RSA, "RSA");
        assertThat(key.getModulus().bitLength()).isEqualTo(4096);
        HighLevelWebhookVerifier published = new HighLevelWebhookVerifier(null, key);
        assertThat(published.verify(bytes(BODY), null, sign("SHA256withRSA", rsa.getPrivate(),
                BODY))).isFalse();
        assertThat(published.verify(bytes(BODY), sign("Ed25519", ed25519.getPrivate(), BODY),
                null)).isFalse();
    }

    @Test
    void keysAreReadFromPemAndFromBareBase64() {
        String base64 = Base64.getEncoder().encodeToString(ed25519.getPublic().getEncoded());
        String pem = "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
        assertThat(PublicKeys.read(pem, "Ed25519")).isEqualTo(ed25519.getPublic());
        assertThat(PublicKeys.read(base64, "Ed25519")).isEqualTo(ed25519.getPublic());
    }

    static KeyPair generate(String algorithm, int size) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (size > 0) {
                generator.initialize(size);
            }
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(String algorithm, PrivateKey key, String body) {
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(bytes(body));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
