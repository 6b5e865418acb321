package io.mailfleet.helm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain manifests under k8s/, generated from the chart so the two cannot drift apart: k8s/base from the
 * default values, the optional custom resources (KEDA, Strimzi) as kustomize components. Only the
 * kustomization.yaml files and overlays are written by hand.
 */
final class PlainManifests {

    static final String HEADER = """
            # Generated from deploy/helm/mailfleet (release "mailfleet"; base: default values, components:
            # keda.enabled / kafka.topics.create) by deploy/helm/src/test/java/io/mailfleet/helm/PlainManifests.java.
            # Do not edit: change the chart, then
            #   ./mvnw -B -q verify -pl deploy/helm -Dtest=PlainManifestsTest -Dmailfleet.k8s.write=true
            """;

    private static final Pattern SOURCE = Pattern.compile("(?m)^# Source: mailfleet/templates/([a-z-]+\\.yaml)\\n");

    private PlainManifests() {
    }

    /** Path under k8s/ -> file content. */
    static Map<String, String> expected() {
        Map<String, String> files = new TreeMap<>();
        byTemplate(Chart.template(Map.of())).forEach((template, yaml) -> files.put("base/" + template, yaml));
        files.put("components/keda/scaledobject.yaml",
                byTemplate(Chart.template(Map.of("keda.enabled", true))).get("scaledobject.yaml"));
        files.put("components/kafka-topics/kafkatopics.yaml",
                byTemplate(Chart.template(Map.of("kafka.topics.create", true))).get("kafkatopics.yaml"));
        return files;
    }

    /** The rendered documents grouped by the template that produced them, with Helm's bookkeeping labels removed. */
    static Map<String, String> byTemplate(String rendered) {
        Map<String, StringBuilder> grouped = new LinkedHashMap<>();
        for (String document : rendered.split("(?m)^---\\s*\\n")) {
            Matcher source = SOURCE.matcher(document);
            if (!source.find()) {
                continue;
            }
            String body = source.replaceFirst("")
                    .replaceAll("(?m)^\\s*helm\\.sh/chart: .*\\n", "")
                    .replace("app.kubernetes.io/managed-by: Helm", "app.kubernetes.io/managed-by: kustomize")
                    .replaceAll("(?m)^[ \\t]+$\\n", "");
            grouped.computeIfAbsent(source.group(1), template -> new StringBuilder(HEADER)).append("---\n").append(body.strip()).append('\n');
        }
        Map<String, String> files = new TreeMap<>();
        grouped.forEach((template, yaml) -> files.put(template, yaml.toString()));
        return files;
    }
}
