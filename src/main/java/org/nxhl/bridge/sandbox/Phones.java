package org.nxhl.bridge.sandbox;

/** Phone numbers as HighLevel stores them for a US location: E.164. */
final class Phones {

    private Phones() {
    }

    /** Ten digits get +1, anything else its digits after a +; null when it cannot be a number. */
    static String e164(String raw) {
        String digits = raw.replaceAll("\\D", "");
        if (digits.length() < 7 || digits.length() > 15) {
            return null;
        }
        if (!raw.trim().startsWith("+") && digits.length() == 10) {
            return "+1" + digits;
        }
        return "+" + digits;
    }
}
