package io.github.mwaatrigger.local;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a CloudFormation or SAM template with SnakeYAML into maps, lists and strings, each short-form
 * intrinsic tag ({@code !Ref X}, {@code !Sub ...}, {@code !GetAtt A.B}, {@code !If [...]}...) turned into
 * its long form ({@code {"Ref": "X"}}, {@code {"Fn::Sub": ...}}, {@code {"Fn::GetAtt": ["A", "B"]}}), so
 * that {@link TemplateValues} evaluates one shape whichever form the author chose.
 *
 * <p>Plain scalars stay the text they are written as (only an empty value or {@code null} is null): the demo
 * hands them on as parameter values and environment variables, which are text, and YAML 1.1's implicit
 * types would change them ({@code 2.10} to {@code 2.1}, {@code 010} to {@code 8}, {@code 2024-06-01} to a
 * date). Loading is safe and as strict as CloudFormation: YAML's standard tags but those CloudFormation does
 * not support, the intrinsic tags and no other; no alias of a collection (nor its billion laughs); no
 * duplicate key; nothing longer than the largest template.
 */
final class TemplateYaml {

    /** CloudFormation's largest template, 1 MB; anything larger is no template. */
    private static final int MAX_CODE_POINTS = 1024 * 1024;

    /** The intrinsic functions whose long form is {@code Fn::<name>}. */
    private static final Set<String> FUNCTIONS = Set.of("And", "Base64", "Cidr", "Equals", "FindInMap", "GetAtt",
            "GetAZs", "If", "ImportValue", "Join", "Length", "Not", "Or", "Select", "Split", "Sub", "ToJsonString",
            "Transform");

    /** The tags whose long form keeps their name. */
    private static final Set<String> REFERENCES = Set.of("Ref", "Condition");

    /** The standard tags CloudFormation does not support: refused here too, rather than read as a date or bytes. */
    private static final Set<Tag> UNSUPPORTED = Set.of(Tag.BINARY, Tag.OMAP, Tag.PAIRS, Tag.SET, Tag.TIMESTAMP);

    private TemplateYaml() {
    }

    /**
     * Parses {@code text} into maps, lists, strings and nulls.
     *
     * @throws IllegalArgumentException naming the line of what is not a readable template
     */
    static Object parse(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(0);
        options.setCodePointLimit(MAX_CODE_POINTS);
        DumperOptions unused = new DumperOptions(); // Yaml takes a Resolver only along with dumping settings
        try {
            return new Yaml(new IntrinsicTags(options), new Representer(unused), unused, options, new TextScalars())
                    .load(text);
        } catch (MarkedYAMLException e) {
            throw new IllegalArgumentException(e.getProblemMark() == null ? "template: " + e.getMessage()
                    : "template line " + (e.getProblemMark().getLine() + 1) + ": " + e.getProblem(), e);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("template: " + e.getMessage(), e);
        }
    }

    /** Resolves a plain scalar to null when it is empty or {@code null}, to its text otherwise. */
    private static final class TextScalars extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.NULL, NULL, "~nN\0", 10);
            addImplicitResolver(Tag.NULL, EMPTY, null, 10);
        }
    }

    /** YAML's safe standard types, and CloudFormation's short-form tags in long form. */
    private static final class IntrinsicTags extends SafeConstructor {

        IntrinsicTags(LoaderOptions options) {
            super(options);
            yamlConstructors.keySet().removeAll(UNSUPPORTED);
            FUNCTIONS.forEach(name -> yamlConstructors.put(new Tag("!" + name), new LongForm("Fn::" + name)));
            REFERENCES.forEach(name -> yamlConstructors.put(new Tag("!" + name), new LongForm(name)));
        }

        /** {@code !Name argument} as {@code {"<key>": argument}}. */
        private final class LongForm extends AbstractConstruct {
            private final String key;

            LongForm(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                return Map.of(key, argument(node));
            }

            private Object argument(Node node) {
                if (node instanceof SequenceNode sequence) {
                    return constructSequence(sequence);
                }
                if (node instanceof MappingNode mapping) {
                    return constructMapping(mapping);
                }
                String text = constructScalar((ScalarNode) node);
                int dot = text.indexOf('.');
                return key.equals("Fn::GetAtt") && dot > 0
                        ? List.of(text.substring(0, dot), text.substring(dot + 1)) : text;
            }
        }
    }
}
