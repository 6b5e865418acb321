package io.mailfleet.helm;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.mailfleet.events.KafkaLimits;
import io.mailfleet.events.Topics;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaTopicsTest {

    @Test
    void strimziTopicsAreOptional() {
        assertThat(Chart.render().custom("KafkaTopic")).isEmpty();
    }

    @Test
    void everyTopicOfTheEventsLibraryIsAStrimziTopicSizedForTheLargestRecord() {
        List<GenericKubernetesResource> topics = Chart.render(Map.of("kafka.topics.create", true)).custom("KafkaTopic");
        Set<String> rendered = new TreeSet<>();
        for (GenericKubernetesResource topic : topics) {
            assertThat(topic.getApiVersion()).isEqualTo("kafka.strimzi.io/v1beta2");
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "mailfleet");
            Map<String, Object> spec = spec(topic);
            rendered.add((String) spec.get("topicName"));
            assertThat(((Number) spec.get("partitions")).intValue()).isPositive();
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) spec.get("config");
            assertThat(config).as(topic.getMetadata().getName())
                    .containsEntry("max.message.bytes", String.valueOf(KafkaLimits.MAX_RECORD_BYTES));
        }
        assertThat(rendered).hasSize(topics.size()).isEqualTo(declaredTopics()).isEqualTo(new TreeSet<>(Topics.all()));
    }

    @Test
    void perTopicSettingsAddToTheSharedOnes() {
        GenericKubernetesResource changes = Chart.render(Map.of("kafka.topics.create", true)).custom("KafkaTopic").stream()
                .filter(topic -> topic.getMetadata().getName().equals(Topics.MAILBOX_CHANGES)).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) spec(changes).get("config");
        assertThat(config).containsEntry("retention.ms", "3600000")
                .containsEntry("max.message.bytes", String.valueOf(KafkaLimits.MAX_RECORD_BYTES));
    }

    /** Every topic name Topics declares, read from its constants so a new one fails this test until the chart lists it. */
    private static Set<String> declaredTopics() {
        Set<String> names = new TreeSet<>();
        for (Field field : Topics.class.getFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            try {
                Object value = field.get(null);
                if (value instanceof String name) {
                    names.add(name);
                } else if (value instanceof Collection<?> list) {
                    list.forEach(name -> names.add((String) name));
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        assertThat(names).as("constants of Topics").isNotEmpty();
        return names;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }
}
