package io.mailfleet.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The optional sa-update CronJob and the shared rules volume spam-filter reads. */
class RulesUpdateTest {

    private static final Map<String, Object> ENABLED = Map.of("spamFilter.rulesUpdate.enabled", true,
            "spamFilter.rulesUpdate.files[0]", "72_active.cf", "spamFilter.rulesUpdate.files[1]", "50_scores.cf");

    @Test
    void offByDefault() {
        Manifests manifests = Chart.render();
        assertThat(manifests.ofType(CronJob.class)).isEmpty();
        assertThat(manifests.ofType(PersistentVolumeClaim.class)).isEmpty();
        assertThat(env(manifests.deployment("spam-filter"))).extracting(EnvVar::getName).doesNotContain("MAILFLEET_SPAM_RULES_DIRECTORY");
    }

    @Test
    void theJobWritesTheVolumeSpamFilterReads() {
        Manifests manifests = Chart.render(ENABLED);
        PersistentVolumeClaim claim = manifests.named(PersistentVolumeClaim.class, "mailfleet-spam-rules");
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteMany");

        CronJob job = manifests.named(CronJob.class, "mailfleet-spam-rules-update");
        assertThat(job.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        PodSpec jobPod = job.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        Container updater = jobPod.getContainers().get(0);
        assertThat(jobPod.getSecurityContext().getRunAsUser()).isEqualTo(185L);
        assertThat(updater.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(updater.getVolumeMounts()).anySatisfy(mount -> {
            assertThat(mount.getMountPath()).isEqualTo("/rules");
            assertThat(mount.getReadOnly()).isNotEqualTo(Boolean.TRUE);
        });
        assertThat(jobPod.getVolumes()).anySatisfy(volume ->
                assertThat(volume.getPersistentVolumeClaim().getClaimName()).isEqualTo("mailfleet-spam-rules"));

        PodSpec spamFilter = manifests.deployment("spam-filter").getSpec().getTemplate().getSpec();
        assertThat(env(manifests.deployment("spam-filter"))).anySatisfy(variable -> {
            assertThat(variable.getName()).isEqualTo("MAILFLEET_SPAM_RULES_DIRECTORY");
            assertThat(variable.getValue()).isEqualTo("/etc/mailfleet/rules");
        });
        assertThat(spamFilter.getContainers().get(0).getVolumeMounts()).anySatisfy(mount -> {
            assertThat(mount.getMountPath()).isEqualTo("/etc/mailfleet/rules");
            assertThat(mount.getReadOnly()).isTrue();
        });
        assertThat(spamFilter.getVolumes()).anySatisfy(volume -> {
            assertThat(volume.getPersistentVolumeClaim()).isNotNull();
            assertThat(volume.getPersistentVolumeClaim().getClaimName()).isEqualTo("mailfleet-spam-rules");
        });
        assertThat(env(manifests.deployment("smtp-gateway"))).extracting(EnvVar::getName).doesNotContain("MAILFLEET_SPAM_RULES_DIRECTORY");
    }

    /** The job's script against a stand-in sa-update that "downloads" a channel: only the chosen files land, whole. */
    @Test
    void theScriptInstallsTheChosenFilesOfTheChannel(@TempDir Path temp) throws Exception {
        Container updater = Chart.render(ENABLED).named(CronJob.class, "mailfleet-spam-rules-update")
                .getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0);
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path fake = bin.resolve("sa-update");
        Files.writeString(fake, """
                #!/bin/bash
                # stand-in for sa-update: --import succeeds; an update writes the channel directory, exit 0
                case " $* " in *" --import "*) exit 0;; esac
                while [ $# -gt 0 ]; do [ "$1" = --updatedir ] && dir="$2"; shift; done
                mkdir -p "$dir/updates_spamassassin_org"
                for f in 72_active.cf 50_scores.cf 20_drugs.cf; do echo "body RULE_$RANDOM /x/" > "$dir/updates_spamassassin_org/$f"; done
                """, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path rules = Files.createDirectories(temp.resolve("rules"));
        Path work = Files.createDirectories(temp.resolve("work"));

        ProcessBuilder process = new ProcessBuilder(updater.getCommand().get(0), updater.getCommand().get(1), updater.getArgs().get(0));
        for (EnvVar variable : updater.getEnv()) {
            process.environment().put(variable.getName(), variable.getValue());
        }
        process.environment().put("RULES_DIR", rules.toString());
        process.environment().put("WORK_DIR", work.toString());
        process.environment().put("TMPDIR", work.toString());
        process.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process run = process.redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(output).isZero();
        assertThat(output).contains("installed 2 rule files from updates.spamassassin.org");
        assertThat(files(rules)).containsExactlyInAnyOrder("50_scores.cf", "72_active.cf");
    }

    private static List<String> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }

    private static List<EnvVar> env(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
    }
}
