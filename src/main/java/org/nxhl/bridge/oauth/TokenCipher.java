package org.nxhl.bridge.oauth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.util.SecretBytes;

/**
 * Encrypts tokens for the store with Tink's AEAD. The key is either a Tink JSON keyset (which allows
 * rotation: old keys stay in the set to decrypt) or the base64 of 32 random bytes, used as AES-256-GCM.
 * Each ciphertext is bound to the row and column it belongs to, so one cannot be moved to another.
 */
public final class TokenCipher {

    private final Aead aead;

    private TokenCipher(Aead aead) {
        this.aead = aead;
    }

    /** Reads a key as described above; the value itself never appears in an error. */
    public static TokenCipher fromKey(String key) {
        try {
            AeadConfig.register();
            String text = key.trim();
            KeysetHandle keyset = text.startsWith("{")
                    ? TinkJsonProtoKeysetFormat.parseKeyset(text, InsecureSecretKeyAccess.get())
                    : rawKeyset(text);
            return new TokenCipher(keyset.getPrimitive(RegistryConfiguration.get(), Aead.class));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the token encryption key is neither a Tink JSON keyset nor the"
                    + " base64 of 32 bytes (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static KeysetHandle rawKeyset(String base64) throws GeneralSecurityException {
        byte[] bytes = Base64.getDecoder().decode(base64);
        if (bytes.length != 32) {
            throw new IllegalArgumentException("key of " + bytes.length + " bytes");
        }
        AesGcmParameters parameters = AesGcmParameters.builder().setKeySizeBytes(32).setIvSizeBytes(12)
                .setTagSizeBytes(16).setVariant(AesGcmParameters.Variant.TINK).build();
        AesGcmKey aesKey = AesGcmKey.builder().setParameters(parameters).setIdRequirement(1)
                .setKeyBytes(SecretBytes.copyFrom(bytes, InsecureSecretKeyAccess.get())).build();
        return KeysetHandle.newBuilder().addEntry(KeysetHandle.importKey(aesKey).withFixedId(1).makePrimary())
                .build();
    }

    /** The token as base64 ciphertext, bound to {@code context} (table, row and column). */
    public String seal(String token, String context) {
        try {
            byte[] sealed = aead.encrypt(token.getBytes(StandardCharsets.UTF_8), bytes(context));
            return Base64.getEncoder().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a token could not be encrypted");
        }
    }

    public String open(String sealed, String context) {
        try {
            byte[] token = aead.decrypt(Base64.getDecoder().decode(sealed), bytes(context));
            return new String(token, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored token could not be decrypted for " + context
                    + ": the encryption key is not the one it was stored with");
        }
    }

    private static byte[] bytes(String context) {
        return context.getBytes(StandardCharsets.UTF_8);
    }
}
