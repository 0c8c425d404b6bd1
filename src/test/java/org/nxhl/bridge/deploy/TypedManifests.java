package org.nxhl.bridge.deploy;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Reads Kubernetes manifests into the fabric8 typed model and refuses any field the model does not
 * know: the model keeps such fields aside in {@code additionalProperties}, which are walked here.
 */
final class TypedManifests {

    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "apps/v1 Deployment", Deployment.class,
            "v1 Service", Service.class,
            "v1 ConfigMap", ConfigMap.class,
            "policy/v1 PodDisruptionBudget", PodDisruptionBudget.class);

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper TYPED = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).build();

    private TypedManifests() {
    }

    /** Every document of a file (or of kustomize's output), typed, or an error naming the first problem. */
    static List<HasMetadata> read(String yaml, String origin) throws IOException {
        List<HasMetadata> all = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
                if (doc == null || doc.isNull() || doc.isEmpty()) {
                    continue;
                }
                all.add(typed(doc, origin));
            }
        }
        return all;
    }

    static List<HasMetadata> read(Path file) throws IOException {
        return read(Files.readString(file), file.toString());
    }

    static <T extends HasMetadata> T one(Path file, Class<T> type) throws IOException {
        List<HasMetadata> docs = read(file);
        if (docs.size() != 1 || !type.isInstance(docs.get(0))) {
            throw new AssertionError(file + " should hold one " + type.getSimpleName());
        }
        return type.cast(docs.get(0));
    }

    private static HasMetadata typed(JsonNode doc, String origin) throws IOException {
        String kind = doc.path("apiVersion").asText() + " " + doc.path("kind").asText();
        Class<? extends HasMetadata> type = KINDS.get(kind);
        if (type == null) {
            throw new AssertionError(origin + ": no typed model for " + kind);
        }
        HasMetadata resource = TYPED.treeToValue(doc, type);
        List<String> unknown = new ArrayList<>();
        walk(resource, kind, unknown, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
        if (!unknown.isEmpty()) {
            throw new AssertionError(origin + ": fields the Kubernetes schema does not have: " + unknown);
        }
        return resource;
    }

    /** Collects every non-empty {@code additionalProperties} under {@code node}, with its path. */
    private static void walk(Object node, String path, List<String> unknown, Set<Object> seen) {
        if (node == null || !seen.add(node)) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, unknown, seen));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Class<?> c = node.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                Object value;
                try {
                    value = field.get(node);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                if ("additionalProperties".equals(field.getName())) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        extra.keySet().forEach(k -> unknown.add(path + "." + k));
                    }
                } else {
                    walk(value, path + "." + field.getName(), unknown, seen);
                }
            }
        }
    }
}
