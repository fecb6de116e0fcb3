package dumper;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The shipping files parse and say what they must: Kubernetes manifests, docker compose,
 * Dockerfiles. No cluster or Docker engine is needed to check this much.
 */
class DeployFilesTest {

    private static final Path KUBERNETES = Path.of("deploy/kubernetes");
    private static final Path SCALE_OUT = Path.of("deploy/kubernetes-scale-out");
    private static final Path BUCKET = Path.of("deploy/kubernetes-bucket");

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> documents(Path file) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object doc : new Yaml().loadAll(reader)) {
                if (doc != null) {
                    docs.add((Map<String, Object>) doc);
                }
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            current = key.matches("\\d+") ? ((List<Object>) current).get(Integer.parseInt(key)) : ((Map<String, Object>) current).get(key);
            assertThat(current).as(String.join(".", path)).isNotNull();
        }
        return (T) current;
    }

    private static List<Path> manifests() throws IOException {
        try (Stream<Path> files = Files.list(KUBERNETES)) {
            return files.filter(p -> p.toString().endsWith(".yaml") && !p.endsWith("kustomization.yaml")
                    && !p.toString().endsWith(".example.yaml") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    @Test
    void every_manifest_parses_names_itself_and_is_listed_in_the_kustomization() throws IOException {
        List<String> listed = at(documents(KUBERNETES.resolve("kustomization.yaml")).get(0), "resources");
        assertThat(listed).containsExactlyInAnyOrderElementsOf(manifests().stream().map(p -> p.getFileName().toString()).toList());
        for (Path file : manifests()) {
            for (Map<String, Object> doc : documents(file)) {
                assertThat(doc).as(file.toString()).containsKeys("apiVersion", "kind");
                assertThat((String) at(doc, "metadata", "name")).as(file.toString()).matches("[a-z0-9-]+");
            }
        }
    }

    @Test
    void the_scale_out_variant_has_workers_on_shared_storage_and_a_distributing_service() throws IOException {
        List<String> listed = at(documents(SCALE_OUT.resolve("kustomization.yaml")).get(0), "resources");
        assertThat(listed).containsExactly("../kubernetes", "deployment-worker.yaml");
        Object worker = documents(SCALE_OUT.resolve("deployment-worker.yaml")).get(0);
        assertThat((List<String>) at(worker, "spec", "template", "spec", "containers", "0", "args")).containsExactly("worker");
        assertThat((Integer) at(worker, "spec", "replicas")).isGreaterThan(1);
        assertThat((String) at(worker, "spec", "template", "spec", "volumes", "2", "persistentVolumeClaim", "claimName"))
                .isEqualTo("dumper-data");
        assertThat(Files.readString(SCALE_OUT.resolve("kustomization.yaml"))).contains("DUMPER_QUEUE_ENABLED");
    }

    /**
     * kustomize itself renders both kustomizations (the scale-out one refused files outside its
     * directory until it took the other as a base), where kubectl is installed.
     */
    @Test
    void kubectl_kustomize_renders_both_variants_with_every_kind_they_need() throws Exception {
        Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not installed");
        assertThat(kinds(KUBERNETES)).containsExactlyInAnyOrder("PersistentVolumeClaim", "CronJob", "CronJob", "CronJob",
                "Deployment", "Service", "PodDisruptionBudget", "NetworkPolicy");
        List<String> scaleOut = kinds(SCALE_OUT);
        assertThat(scaleOut).containsAll(kinds(KUBERNETES));
        assertThat(scaleOut.stream().filter("Deployment"::equals)).hasSize(2);
    }

    /** The kinds of the documents that {@code kubectl kustomize dir} renders. */
    private static List<String> kinds(Path dir) throws Exception {
        return rendered(dir).stream().map(doc -> (String) doc.get("kind")).toList();
    }

    /** The documents that {@code kubectl kustomize dir} renders; fails with its message when it refuses. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rendered(Path dir) throws Exception {
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(true).start();
        String rendered = new String(kubectl.getInputStream().readAllBytes());
        assertThat(kubectl.waitFor()).as(rendered).isZero();
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(rendered)) {
            docs.add((Map<String, Object>) doc);
        }
        return docs;
    }

    @Test
    void the_bucket_variant_publishes_from_every_cron_job_and_the_service_with_credentials_from_the_aws_chain() throws Exception {
        Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not installed");
        List<Map<String, Object>> docs = rendered(BUCKET);
        assertThat(docs.stream().map(doc -> (String) doc.get("kind")).toList()).containsExactlyInAnyOrderElementsOf(kinds(KUBERNETES));
        List<Map<String, Object>> pods = new ArrayList<>();
        for (Map<String, Object> doc : docs) {
            if ("CronJob".equals(doc.get("kind"))) {
                pods.add(at(doc, "spec", "jobTemplate", "spec", "template", "spec"));
            } else if ("Deployment".equals(doc.get("kind"))) {
                pods.add(at(doc, "spec", "template", "spec"));
            }
        }
        assertThat(pods).hasSize(4).allSatisfy(pod -> {
            List<Map<String, Object>> env = at(pod, "containers", "0", "env");
            assertThat(env).anySatisfy(e -> {
                assertThat(e.get("name")).isEqualTo("DUMPER_PUBLISH_TO");
                assertThat((String) e.get("value")).startsWith("s3://");
            });
            List<Map<String, Object>> from = at(pod, "containers", "0", "envFrom");
            assertThat(from).contains(Map.of("secretRef", Map.of("name", "dumper-s3", "optional", true)));
        });
        Map<String, Object> policy = docs.stream().filter(doc -> "NetworkPolicy".equals(doc.get("kind"))).findFirst().orElseThrow();
        assertThat(policy.toString()).contains("port=443");
        // The Secret carries the standard chain's names only: dumper has no key for credentials.
        Map<String, Object> secret = documents(BUCKET.resolve("secret-s3.example.yaml")).get(0);
        assertThat((String) at(secret, "metadata", "name")).isEqualTo("dumper-s3");
        assertThat((Map<String, Object>) at(secret, "stringData")).containsOnlyKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                "AWS_REGION");
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    @Test
    void cron_jobs_run_the_old_schedules_never_overlap_end_by_a_deadline_and_fit_512_mi() throws IOException {
        Map<String, String> expected = Map.of(
                "cronjob-bcu.yaml", "1 17 * * *|bcu",
                "cronjob-vaud-morning.yaml", "30 10,13 * * *|vaud",
                "cronjob-vaud-evening.yaml", "0 17 * * *|vaud");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Map<String, Object> job = documents(KUBERNETES.resolve(e.getKey())).get(0);
            String[] scheduleAndType = e.getValue().split("\\|");
            assertThat((String) at(job, "kind")).isEqualTo("CronJob");
            assertThat((String) at(job, "spec", "schedule")).isEqualTo(scheduleAndType[0]);
            assertThat((String) at(job, "spec", "concurrencyPolicy")).isEqualTo("Forbid");
            // With Forbid, a hung run would block every later fire: the job has a deadline.
            assertThat((Integer) at(job, "spec", "jobTemplate", "spec", "activeDeadlineSeconds")).isBetween(60, 3 * 3600);
            Object container = at(job, "spec", "jobTemplate", "spec", "template", "spec", "containers", "0");
            assertThat((List<String>) at(container, "args")).containsExactly("--dump", scheduleAndType[1]);
            assertThat((String) at(container, "resources", "limits", "memory")).isEqualTo("512Mi");
        }
    }

    @Test
    void the_service_deployment_has_probes_metrics_and_its_volumes() throws IOException {
        List<Map<String, Object>> docs = documents(KUBERNETES.resolve("deployment-serve.yaml"));
        Map<String, Object> deployment = docs.stream().filter(d -> "Deployment".equals(d.get("kind"))).findFirst().orElseThrow();
        Object pod = at(deployment, "spec", "template");
        Object container = at(pod, "spec", "containers", "0");
        assertThat((List<String>) at(container, "args")).containsExactly("serve");
        assertThat((String) at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/q/health/live");
        assertThat((String) at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/q/health/ready");
        assertThat((Integer) at(container, "ports", "0", "containerPort")).isEqualTo(8080);
        assertThat((String) at(container, "resources", "limits", "memory")).isEqualTo("512Mi");
        assertThat((String) at(pod, "metadata", "annotations", "prometheus.io/path")).isEqualTo("/q/metrics");
        assertThat((String) at(pod, "spec", "volumes", "2", "persistentVolumeClaim", "claimName")).isEqualTo("dumper-data");
    }

    @Test
    void apply_k_leaves_secrets_alone_runs_the_jvm_image_and_shares_storage_across_nodes() throws IOException {
        for (Path dir : List.of(KUBERNETES, SCALE_OUT)) {
            List<String> listed = at(documents(dir.resolve("kustomization.yaml")).get(0), "resources");
            for (String resource : listed.stream().filter(r -> Files.isRegularFile(dir.resolve(r))).toList()) {
                for (Map<String, Object> doc : documents(dir.resolve(resource))) {
                    assertThat((String) doc.get("kind")).as(resource).isNotEqualTo("Secret");
                }
                // The native image cannot be built everywhere: the manifests name the JVM image.
                assertThat(Files.readString(dir.resolve(resource))).as(resource).doesNotContain("dumper:latest");
            }
        }
        assertThat(KUBERNETES.resolve("secret.example.yaml")).exists();
        assertThat((List<String>) at(documents(KUBERNETES.resolve("pvc.yaml")).get(0), "spec", "accessModes"))
                .containsExactly("ReadWriteMany");
    }

    @Test
    void the_service_has_a_disruption_budget_and_a_network_policy_that_select_its_pod() throws IOException {
        Map<String, Object> labels = at(documents(KUBERNETES.resolve("deployment-serve.yaml")).stream()
                .filter(d -> "Deployment".equals(d.get("kind"))).findFirst().orElseThrow(), "spec", "template", "metadata", "labels");
        Map<String, Object> pdb = documents(KUBERNETES.resolve("pdb-serve.yaml")).get(0);
        assertThat((String) at(pdb, "kind")).isEqualTo("PodDisruptionBudget");
        assertThat((Map<String, Object>) at(pdb, "spec", "selector", "matchLabels")).isEqualTo(labels);
        Map<String, Object> policy = documents(KUBERNETES.resolve("networkpolicy-serve.yaml")).get(0);
        assertThat((String) at(policy, "kind")).isEqualTo("NetworkPolicy");
        assertThat((Map<String, Object>) at(policy, "spec", "podSelector", "matchLabels")).isEqualTo(labels);
        assertThat((Integer) at(policy, "spec", "ingress", "0", "ports", "0", "port")).isEqualTo(8080);
    }

    @Test
    void the_service_takes_its_api_token_from_a_secret() throws IOException {
        Map<String, Object> deployment = documents(KUBERNETES.resolve("deployment-serve.yaml")).stream()
                .filter(d -> "Deployment".equals(d.get("kind"))).findFirst().orElseThrow();
        List<Map<String, Object>> env = at(deployment, "spec", "template", "spec", "containers", "0", "env");
        Map<String, Object> token = env.stream().filter(e -> "DUMPER_SERVE_API_TOKEN".equals(e.get("name"))).findFirst().orElseThrow();
        String secret = at(token, "valueFrom", "secretKeyRef", "name");
        String key = at(token, "valueFrom", "secretKeyRef", "key");
        assertThat(documents(KUBERNETES.resolve("secret.example.yaml")))
                .anySatisfy(doc -> {
                    assertThat((String) at(doc, "metadata", "name")).isEqualTo(secret);
                    assertThat((Map<String, Object>) at(doc, "stringData")).containsKey(key);
                });

        Map<String, Object> compose = documents(Path.of("docker-compose.yml")).get(0);
        assertThat(at(compose, "services", "serve", "env_file").toString()).contains(".env");
        assertThat(Files.readAllLines(Path.of(".env.example"))).contains("DUMPER_SERVE_API_TOKEN=");
    }

    @Test
    void compose_keeps_the_old_command_and_mounts_config_and_output() throws IOException {
        Map<String, Object> compose = documents(Path.of("docker-compose.yml")).get(0);
        Map<String, Object> dumper = at(compose, "services", "dumper");
        assertThat(dumper).doesNotContainKey("container_name").doesNotContainKey("command").doesNotContainKey("ports");
        assertThat((List<String>) at(dumper, "volumes")).contains("./data:/work/data", "./server_dumps:/mnt/server_dumps",
                "./queries:/work/queries:ro", "./application.properties:/work/application.properties:ro");
        assertThat((List<String>) at(compose, "services", "serve", "command")).containsExactly("serve");
        assertThat((List<String>) at(compose, "services", "db", "profiles")).containsExactly("demo");
        assertThat((List<String>) at(compose, "services", "worker", "command")).containsExactly("worker");
        assertThat((List<String>) at(compose, "services", "rabbitmq", "profiles")).containsExactly("scale-out");
    }

    @Test
    void dockerfiles_copy_what_exists_and_run_as_a_non_root_user() throws IOException {
        for (String name : List.of("Dockerfile.jvm", "Dockerfile.native", "Dockerfile.native-micro")) {
            List<String> lines = Files.readAllLines(Path.of("src/main/docker", name));
            assertThat(lines).as(name).anyMatch(l -> l.matches("USER [1-9][0-9]*"));
            assertThat(lines).as(name).anyMatch(l -> l.startsWith("ENTRYPOINT"));
            for (String line : lines) {
                if (line.startsWith("COPY ") && !line.contains("--from=")) {
                    String[] parts = line.replaceAll("--\\S+", "").trim().split("\\s+");
                    String source = parts[1];
                    assertThat(source.startsWith("target/") || Files.exists(Path.of(source)))
                            .as(name + ": " + source).isTrue();
                }
            }
        }
    }

    @Test
    void every_image_takes_application_properties_only_through_the_credential_check() throws IOException {
        for (String name : List.of("Dockerfile.jvm", "Dockerfile.native", "Dockerfile.native-micro")) {
            List<String> lines = Files.readAllLines(Path.of("src/main/docker", name));
            assertThat(lines).as(name).contains("RUN sh /no-credentials.sh /application.properties");
            assertThat(lines.stream().filter(l -> l.startsWith("COPY") && l.contains("application.properties /work/")))
                    .as(name).singleElement().asString().contains("--from=checked");
        }
    }

    @Test
    void the_credential_check_passes_the_shipped_file_and_names_each_literal_credential_without_its_value()
            throws Exception {
        assertThat(credentialCheck(Path.of("application.properties"))).isEqualTo("0:");

        Path file = Files.createTempFile("credentials", ".properties");
        Files.writeString(file, """
                # quarkus.datasource.password=commented-out
                quarkus.datasource.username=${DB_USER:root}
                quarkus.datasource.password=hunter2
                quarkus.datasource.report.password=${REPORT_PASSWORD}
                quarkus.datasource.jdbc.url=jdbc:mysql://db:3306/x?user=u&password=pw42
                dumper.serve.api-token = t0ken
                dumper.s3.sse-kms-SECRET=${KMS:}
                """);
        String result = credentialCheck(file);
        assertThat(result).startsWith("1:dumper: ").doesNotContain("hunter2", "pw42", "t0ken", "commented-out", "\n")
                .contains("quarkus.datasource.password, quarkus.datasource.jdbc.url, dumper.serve.api-token;")
                .doesNotContain("report.password", "SECRET");
        Files.delete(file);
    }

    /** The check's exit code and output, as "code:output". */
    private static String credentialCheck(Path file) throws Exception {
        Process check = new ProcessBuilder("sh", "src/main/docker/no-credentials.sh", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes()).strip();
        return check.waitFor() + ":" + output;
    }

    @Test
    void the_integration_tests_start_the_jar_with_the_launchers_jvm_options() throws IOException {
        String launcher = Files.readString(Path.of("dumper"));
        String pom = Files.readString(Path.of("pom.xml"));
        for (String[] pair : List.of(new String[] {"default_java_opts", "dumper.launch.java-opts"},
                new String[] {"jvm_flags", "dumper.launch.jvm-flags"})) {
            Matcher inLauncher = Pattern.compile("\\n" + pair[0] + "=\"([^\"]+)\"").matcher(launcher);
            Matcher inPom = Pattern.compile("<" + pair[1] + ">([^<]+)</").matcher(pom);
            assertThat(inLauncher.find()).as(pair[0] + " in ./dumper").isTrue();
            assertThat(inPom.find()).as(pair[1] + " in pom.xml").isTrue();
            assertThat(inPom.group(1)).as(pair[1]).isEqualTo(inLauncher.group(1));
        }
        assertThat(pom).contains("<quarkus.test.arg-line>${dumper.test.launch}</quarkus.test.arg-line>");
    }
}
