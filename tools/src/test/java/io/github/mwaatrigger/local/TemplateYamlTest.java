package io.github.mwaatrigger.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

class TemplateYamlTest {

    @Test
    void projectTemplate_readsExactlyAsSnakeYamlReadsIt() throws IOException {
        String template = Files.readString(Path.of("template.yaml"));

        assertThat(TemplateYaml.parse(template)).isEqualTo(snakeYaml(template));
    }

    @Test
    void constructsTemplatesUse_areRead() {
        String yaml = """
                # a comment
                Parameters:
                  Name: {Type: String, Default: 'it''s'}   # trailing comment
                Quoted: "a \\"b\\" \\u00e9 # not a comment"
                Folded: >-
                  one
                  two
                Literal: |
                  line 1
                    indented
                Compact:
                - a
                - !Ref B
                Items:
                  - Key: 1
                    Other: [x, !GetAtt Res.Arn, [nested]]
                  - !If
                    - Cond
                    - !Sub '${AWS::Region}'
                    - !Ref AWS::NoValue
                Empty:
                """;

        assertThat(TemplateYaml.parse(yaml)).isEqualTo(snakeYaml(yaml));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a: &anchor x\nb: *anchor\n", "a: one\n  two\n", "a: !Unknown x\n", "a: [1, 2\n",
        "a: 1\na: 2\n"})
    void constructsOutsideTheSubset_areRefusedWithTheirLine(String yaml) {
        assertThatThrownBy(() -> TemplateYaml.parse(yaml))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("template line ");
    }

    /** SnakeYAML with CloudFormation's short-form tags in long form and every scalar as a string. */
    private static Object snakeYaml(String yaml) {
        LoaderOptions options = new LoaderOptions();
        SafeConstructor constructor = new SafeConstructor(options) {
            {
                yamlMultiConstructors.put("!", new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        String name = node.getTag().getValue().substring(1);
                        Object value = node instanceof ScalarNode scalar ? constructScalar(scalar)
                                : node instanceof SequenceNode sequence ? constructSequence(sequence)
                                : constructMapping((MappingNode) node);
                        value = strings(value);
                        if (name.equals("GetAtt") && value instanceof String text) {
                            value = List.of(text.substring(0, text.indexOf('.')), text.substring(text.indexOf('.') + 1));
                        }
                        return Map.of(name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name, value);
                    }
                });
            }
        };
        return strings(new Yaml(constructor).load(yaml));
    }

    private static Object strings(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), strings(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(TemplateYamlTest::strings).toList();
        }
        return value == null ? null : value.toString();
    }
}
