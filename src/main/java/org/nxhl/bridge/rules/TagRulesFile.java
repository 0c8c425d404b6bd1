package org.nxhl.bridge.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads the tag rules file. Anything it does not understand is refused with the line it is on and
 * why, so a mistake stops the bridge at start-up instead of silently changing no tags.
 */
public final class TagRulesFile {

    private static final Set<String> RULE_KEYS = Set.of("name", "when", "add", "remove");
    private static final Set<String> WHEN_KEYS = Set.of("field", "customField", "becomes");

    private final String source;

    private TagRulesFile(String source) {
        this.source = source;
    }

    public static List<TagRule> read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new InvalidRulesException(file + ": cannot be read: " + e.getMessage());
        }
    }

    public static List<TagRule> parse(String text, String source) {
        TagRulesFile reader = new TagRulesFile(source);
        Optional<Node> root;
        try {
            root = new Compose(LoadSettings.builder().setLabel(source).build()).composeString(text);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new InvalidRulesException(source + " line " + line + ": " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new InvalidRulesException(source + ": " + e.getMessage());
        }
        if (root.isEmpty()) {
            return List.of();
        }
        return reader.rules(root.get());
    }

    private List<TagRule> rules(Node root) {
        Map<String, Node> top = mapping(root, Set.of("rules"), "the file");
        Node list = top.get("rules");
        if (list == null || (list instanceof ScalarNode s && s.getValue().isEmpty())) {
            return List.of();
        }
        if (!(list instanceof SequenceNode sequence)) {
            throw error(list, "rules must be a list");
        }
        List<TagRule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Node item : sequence.getValue()) {
            TagRule rule = rule(item);
            if (!names.add(rule.name())) {
                throw error(item, "a rule named '" + rule.name() + "' is already declared");
            }
            rules.add(rule);
        }
        return List.copyOf(rules);
    }

    private TagRule rule(Node node) {
        Map<String, Node> rule = mapping(node, RULE_KEYS, "a rule");
        String name = scalar(rule.get("name"), node, "name");
        Node whenNode = rule.get("when");
        if (whenNode == null) {
            throw error(node, "rule '" + name + "' has no 'when'");
        }
        Map<String, Node> when = mapping(whenNode, WHEN_KEYS, "'when'");
        boolean field = when.containsKey("field");
        boolean customField = when.containsKey("customField");
        if (field == customField) {
            throw error(whenNode, "'when' needs exactly one of 'field' and 'customField'");
        }
        String becomes = scalar(when.get("becomes"), whenNode, "becomes");
        List<String> add = tags(rule.get("add"), "add");
        List<String> remove = tags(rule.get("remove"), "remove");
        if (add.isEmpty() && remove.isEmpty()) {
            throw error(node, "rule '" + name + "' neither adds nor removes a tag");
        }
        for (String tag : add) {
            if (remove.contains(tag)) {
                throw error(rule.get("remove"), "rule '" + name + "' both adds and removes '" + tag + "'");
            }
        }
        return new TagRule(name, field ? scalar(when.get("field"), whenNode, "field") : null,
                customField ? scalar(when.get("customField"), whenNode, "customField") : null,
                becomes, add, remove, line(node));
    }

    private Map<String, Node> mapping(Node node, Set<String> allowed, String what) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, what + " must be a mapping of " + String.join(", ", allowed));
        }
        Map<String, Node> values = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
            if (key == null || !allowed.contains(key)) {
                throw error(tuple.getKeyNode(), "unknown key '" + key + "' in " + what
                        + "; expected one of " + String.join(", ", allowed));
            }
            if (values.put(key, tuple.getValueNode()) != null) {
                throw error(tuple.getKeyNode(), "'" + key + "' is given twice");
            }
        }
        return values;
    }

    private String scalar(Node node, Node parent, String key) {
        if (node == null) {
            throw error(parent, "'" + key + "' is missing");
        }
        if (!(node instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
            throw error(node, "'" + key + "' must be a single non-empty value");
        }
        return scalar.getValue().trim();
    }

    private List<String> tags(Node node, String key) {
        if (node == null) {
            return List.of();
        }
        List<Node> items = node instanceof SequenceNode sequence ? sequence.getValue() : List.of(node);
        List<String> tags = new ArrayList<>();
        for (Node item : items) {
            String tag = scalar(item, node, key);
            tags.add(tag);
        }
        return List.copyOf(tags);
    }

    private InvalidRulesException error(Node node, String reason) {
        return new InvalidRulesException(source + " line " + line(node) + ": " + reason);
    }

    private static int line(Node node) {
        return node.getStartMark().map(Mark::getLine).map(l -> l + 1).orElse(0);
    }

    /** The rules file cannot be used as it is; the message gives the line and the reason. */
    public static class InvalidRulesException extends IllegalStateException {

        public InvalidRulesException(String message) {
            super(message);
        }
    }
}
