package org.nxhl.bridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.support.Http;
import org.nxhl.bridge.support.RunningBridge;

class KubernetesManifestsTest {

    private static final Path KUBE = Path.of("deploy", "kubernetes");
    private static final Path BASE = KUBE.resolve("base");
    private static final Path PRODUCTION = KUBE.resolve("overlays/production");
    private static final Set<String> SECRETS = Set.of("OAUTH_CLIENT_SECRET", "OAUTH_ENCRYPTION_KEY",
            "ADMIN_TOKEN", "STORE_PASSWORD", "NETWORX_CALLBACK_SECRET");
    private static final Set<String> KUSTOMIZATION_FIELDS = Set.of("apiVersion", "kind", "namespace",
            "resources", "images", "replicas", "patches", "configMapGenerator", "labels", "generatorOptions");
    // InboxDispatcher gives its loop 5 s and its workers 20 s to finish before routes are stopped
    private static final int DISPATCHER_DRAIN_SECONDS = 25;

    @Test
    void everyManifestAndPatchReadsIntoTheTypedModelWithNoFieldTheSchemaLacks() throws Exception {
        List<HasMetadata> base = new ArrayList<>();
        for (String file : resources(BASE)) {
            base.addAll(TypedManifests.read(BASE.resolve(file)));
        }
        assertThat(base).extracting(HasMetadata::getKind)
                .containsExactlyInAnyOrder("Deployment", "Service", "PodDisruptionBudget");
        assertThat(base).allSatisfy(r -> assertThat(r.getMetadata().getName()).isNotBlank());

        for (String patch : patches(PRODUCTION)) {
            HasMetadata patched = TypedManifests.one(PRODUCTION.resolve(patch), Deployment.class);
            assertThat(base).as("the resource %s patches", patch).anySatisfy(r -> {
                assertThat(r.getKind()).isEqualTo(patched.getKind());
                assertThat(r.getMetadata().getName()).isEqualTo(patched.getMetadata().getName());
            });
        }
        assertThat(resources(PRODUCTION)).containsExactly("../../base");
    }

    @Test
    void aFieldTheSchemaLacksIsRefused() {
        String typo = "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n"
                + "    - port: 80\n      targetPrt: http\n";
        assertThatThrownBy(() -> TypedManifests.read(typo, "typo")).hasMessageContaining("targetPrt");
        String wrongType = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n"
                + "  replicas: two\n";
        assertThatThrownBy(() -> TypedManifests.read(wrongType, "wrong type")).isNotNull();
        String unknownKind = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n";
        assertThatThrownBy(() -> TypedManifests.read(unknownKind, "pod"))
                .hasMessageContaining("no typed model");
    }

    @Test
    void theDeploymentRunsSeveralLockedDownReplicasThatStopWithinTheirGracePeriod() throws Exception {
        Deployment deployment = TypedManifests.one(BASE.resolve("deployment.yaml"), Deployment.class);
        Properties app = applicationProperties();
        assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());

        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers()).hasSize(1);
        Container bridge = pod.getContainers().get(0);
        assertThat(bridge.getImage()).isNotBlank();
        assertThat(bridge.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(bridge.getResources().getLimits()).containsKeys("cpu", "memory");

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
        assertThat(bridge.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(bridge.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(bridge.getSecurityContext().getCapabilities().getDrop()).contains("ALL");
        String tmp = bridge.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
                .findFirst().orElseThrow().getName();
        assertThat(volume(pod, tmp).getEmptyDir()).isNotNull();

        List<String> sleep = bridge.getLifecycle().getPreStop().getExec().getCommand();
        assertThat(sleep).hasSize(2).first().isEqualTo("sleep");
        int stopping = Integer.parseInt(sleep.get(1)) + DISPATCHER_DRAIN_SECONDS
                + Integer.parseInt(app.getProperty("camel.main.shutdown-timeout"))
                + Integer.parseInt(app.getProperty("camel.main.extra-shutdown-timeout"));
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan(stopping);

        Map<String, EnvVar> env = bridge.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
        assertThat(env.get("CAMEL_MAIN_NAME").getValue()).isEqualTo(app.getProperty("camel.main.name"));
        for (String secret : SECRETS) {
            assertThat(env.get(secret)).as(secret).isNotNull();
            assertThat(env.get(secret).getValue()).as(secret).isNull();
            assertThat(env.get(secret).getValueFrom().getSecretKeyRef().getKey()).as(secret).isNotBlank();
        }
    }

    @Test
    void probesAndTheScrapeAnnotationPointAtTheManagementPortTheBridgeListensOn() throws Exception {
        Deployment deployment = TypedManifests.one(BASE.resolve("deployment.yaml"), Deployment.class);
        Container bridge = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        int management = Integer.parseInt(applicationProperties().getProperty("camel.management.port"));
        HTTPGetAction ready = bridge.getReadinessProbe().getHttpGet();
        HTTPGetAction live = bridge.getLivenessProbe().getHttpGet();
        HTTPGetAction started = bridge.getStartupProbe().getHttpGet();
        assertThat(ready.getPath()).isEqualTo("/observe/health/ready");
        assertThat(live.getPath()).isEqualTo("/observe/health/live");
        for (HTTPGetAction probe : List.of(ready, live, started)) {
            assertThat(portNumber(bridge, probe.getPort().getStrVal(), probe.getPort().getIntVal()))
                    .isEqualTo(management);
        }
        Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
        assertThat(Integer.parseInt(annotations.get("prometheus.io/port"))).isEqualTo(management);
        assertThat(portNumber(bridge, "http", null))
                .isEqualTo(Integer.parseInt(applicationProperties().getProperty("camel.server.port")));

        try (RunningBridge running = RunningBridge.start()) {
            for (String path : List.of(ready.getPath(), live.getPath(), started.getPath(),
                    annotations.get("prometheus.io/path"))) {
                assertThat(Http.get(running.managementUrl(path)).status()).as(path).isEqualTo(200);
            }
        }
    }

    @Test
    void theServiceAndDisruptionBudgetSelectTheBridgePodsByPortsTheyHave() throws Exception {
        Deployment deployment = TypedManifests.one(BASE.resolve("deployment.yaml"), Deployment.class);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        Container bridge = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        Service service = TypedManifests.one(BASE.resolve("service.yaml"), Service.class);
        assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getPorts()).isNotEmpty().allSatisfy(port -> {
            var target = port.getTargetPort();
            assertThat(portNumber(bridge, target.getStrVal(), target.getIntVal())).isEqualTo(port.getPort());
        });
        PodDisruptionBudget budget = TypedManifests.one(BASE.resolve("poddisruptionbudget.yaml"),
                PodDisruptionBudget.class);
        assertThat(podLabels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
        assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    }

    @Test
    void theConfigMapsCarryTheRoutesKameletsAndPropertiesOfThisRepositoryAsTheyAre() throws Exception {
        Path config = BASE.resolve("config");
        String hint = "run deploy/kubernetes/copy-config.sh";
        assertThat(Files.readString(config.resolve("application.properties"))).as(hint)
                .isEqualTo(Files.readString(Path.of("application.properties")));
        for (String dir : List.of("routes", "kamelets", "rules")) {
            assertThat(names(config.resolve(dir))).as(hint).isEqualTo(names(Path.of(dir)));
            for (String name : names(Path.of(dir))) {
                assertThat(Files.readString(config.resolve(dir).resolve(name))).as(hint + " (" + name + ")")
                        .isEqualTo(Files.readString(Path.of(dir, name)));
            }
        }
        Set<String> generated = new TreeSet<>();
        kustomization(BASE).path("configMapGenerator").forEach(g ->
                g.path("files").forEach(f -> generated.add(f.asText())));
        Set<String> copies;
        try (Stream<Path> files = Files.walk(config)) {
            copies = files.filter(Files::isRegularFile)
                    .map(f -> BASE.relativize(f).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(generated).as(hint).isEqualTo(copies);

        Deployment deployment = TypedManifests.one(BASE.resolve("deployment.yaml"), Deployment.class);
        Set<String> mounted = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getConfigMap() != null).map(v -> v.getConfigMap().getName())
                .collect(Collectors.toSet());
        Set<String> maps = new TreeSet<>();
        kustomization(BASE).path("configMapGenerator").forEach(g -> maps.add(g.path("name").asText()));
        assertThat(mounted).isEqualTo(maps);
    }

    @Test
    void theKustomizationsUseOnlyFieldsKustomizeKnowsAndFilesThatExist() throws Exception {
        for (Path dir : List.of(BASE, PRODUCTION)) {
            JsonNode kustomization = kustomization(dir);
            kustomization.fieldNames().forEachRemaining(field ->
                    assertThat(KUSTOMIZATION_FIELDS).as(dir + " field " + field).contains(field));
            assertThat(kustomization.path("kind").asText()).isEqualTo("Kustomization");
            List<String> files = new ArrayList<>(resources(dir));
            files.addAll(patches(dir));
            kustomization.path("configMapGenerator")
                    .forEach(g -> g.path("files").forEach(f -> files.add(f.asText())));
            assertThat(files).allSatisfy(f -> assertThat(dir.resolve(f)).exists());
        }
    }

    @Test
    void whatKustomizeBuildsIsTypedCleanAndProductionRunsThreeReplicasOffTheSandbox() throws Exception {
        assumeTrue(kubectl(), "kubectl is not installed here; the files themselves are checked above");
        for (Path dir : List.of(BASE, PRODUCTION)) {
            List<HasMetadata> built = TypedManifests.read(build(dir), "kustomize build " + dir);
            assertThat(built).extracting(HasMetadata::getKind).containsExactlyInAnyOrder(
                    "ConfigMap", "ConfigMap", "ConfigMap", "ConfigMap", "Deployment", "Service", "PodDisruptionBudget");
            ConfigMap properties = built.stream().filter(r -> r instanceof ConfigMap
                    && r.getMetadata().getName().startsWith("bridge-properties")).map(ConfigMap.class::cast)
                    .findFirst().orElseThrow();
            assertThat(properties.getData().get("application.properties"))
                    .isEqualTo(Files.readString(Path.of("application.properties")));
            Deployment deployment = built.stream().filter(Deployment.class::isInstance)
                    .map(Deployment.class::cast).findFirst().orElseThrow();
            Set<String> names = built.stream().map(r -> r.getMetadata().getName()).collect(Collectors.toSet());
            assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
                    .filteredOn(v -> v.getConfigMap() != null)
                    .allSatisfy(v -> assertThat(names).contains(v.getConfigMap().getName()));
            if (dir == PRODUCTION) {
                assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
                Container bridge = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
                Map<String, String> env = bridge.getEnv().stream().filter(e -> e.getValue() != null)
                        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
                assertThat(env).containsEntry("SANDBOX_ENABLED", "false").containsKey("STORE_URL");
                assertThat(bridge.getEnv()).extracting(EnvVar::getName).containsAll(SECRETS);
                assertThat(bridge.getReadinessProbe()).isNotNull();
                assertThat(bridge.getImage()).contains("/").doesNotEndWith(":latest");
            }
        }
    }

    private static int portNumber(Container container, String name, Integer number) {
        if (name == null) {
            return number;
        }
        return container.getPorts().stream().filter(p -> name.equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + name));
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }

    private static Properties applicationProperties() throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("application.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    private static JsonNode kustomization(Path dir) throws IOException {
        return new YAMLMapper().readTree(dir.resolve("kustomization.yaml").toFile());
    }

    private static List<String> resources(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        kustomization(dir).path("resources").forEach(r -> out.add(r.asText()));
        return out;
    }

    private static List<String> patches(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        kustomization(dir).path("patches").forEach(p -> out.add(p.path("path").asText()));
        return out;
    }

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static boolean kubectl() {
        try {
            Process p = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String build(Path dir) throws Exception {
        Process p = new ProcessBuilder("kubectl", "kustomize", dir.toString()).start();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("kubectl kustomize %s: %s", dir, err).isZero();
        return out;
    }
}
