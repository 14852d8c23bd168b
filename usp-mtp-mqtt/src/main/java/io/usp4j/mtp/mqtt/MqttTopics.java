package io.usp4j.mtp.mqtt;

/** Topic names and filters as TR-369 uses them with MQTT. Stateless. */
final class MqttTopics {
    /** What a 3.1.1 PUBLISH topic carries before the sender's reply-to topic (R-MQTT.24). */
    static final String REPLY_TO = "/reply-to=";

    private MqttTopics() {}

    /** The 3.1.1 topic name: {@code topic/reply-to=} and the reply topic with every "/" as "%2F" (R-MQTT.24). */
    static String withReplyTo(String topic, String replyTo) {
        return topic + REPLY_TO + replyTo.replace("/", "%2F");
    }

    /**
     * Splits a received 3.1.1 topic name at its last {@code /reply-to=} (R-MQTT.25).
     *
     * @return the reply-to topic with "%2F" turned back into "/", or null when there is none
     */
    static String replyTo(String topicName) {
        int at = topicName.lastIndexOf(REPLY_TO);
        if (at < 0) {
            return null;
        }
        String encoded = topicName.substring(at + REPLY_TO.length());
        return encoded.isEmpty() ? null : encoded.replace("%2F", "/").replace("%2f", "/");
    }

    /** True when a topic name matches a topic filter ({@code +} one level, {@code #} the rest, parent included). */
    static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }

    /** True when some filter in {@code filters} covers {@code topic}. */
    static boolean covered(Iterable<String> filters, String topic) {
        for (String f : filters) {
            if (matches(f, topic)) {
                return true;
            }
        }
        return false;
    }
}
