package io.mailfleet.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

import java.nio.file.Path;
import java.util.Map;

/** The chart under deploy/helm/mailfleet, rendered by the Helm library helm-java embeds. */
final class Chart {

    static final String RELEASE = "mailfleet";
    /** helm-java's default is 1.20, below the chart's kubeVersion (policy/v1, autoscaling/v2). */
    static final String KUBE_VERSION = "1.30.0";
    static final java.util.List<String> COMPONENTS =
            java.util.List.of("auth-service", "smtp-gateway", "imap-service", "spam-filter", "delivery-worker");

    private Chart() {
    }

    static Path directory() {
        return Repository.root().resolve("deploy/helm/mailfleet");
    }

    static LintResult lint() {
        return new Helm(directory()).lint().strict().call();
    }

    static String template(Map<String, Object> values) {
        TemplateCommand command = new Helm(directory()).template().withName(RELEASE).withKubeVersion(KUBE_VERSION);
        for (Map.Entry<String, Object> value : values.entrySet()) {
            command = command.set(value.getKey(), value.getValue());
        }
        return command.call();
    }

    static Manifests render(Map<String, Object> values) {
        return Manifests.parse(template(values));
    }

    static Manifests render() {
        return render(Map.of());
    }
}
