package io.github.mwaatrigger.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.json.JsonNumber;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link PythonNumbers} against what CPython 3.11 prints for {@code str(json.loads(number))}. */
class PythonNumbersTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0                        | 0
            -0                       | 0
            -12                      | -12
            123456789012345678901234567890 | 123456789012345678901234567890
            9007199254740993         | 9007199254740993
            1.50                     | 1.5
            0.0                      | 0.0
            -0.0                     | -0.0
            -1e-400                  | -0.0
            1e-400                   | 0.0
            1e400                    | inf
            -1e400                   | -inf
            1e2147483648             | inf
            0.1                      | 0.1
            0.30000000000000004      | 0.30000000000000004
            0.0001                   | 0.0001
            0.00001                  | 1e-05
            -1.25e-5                 | -1.25e-05
            4.35E-05                 | 4.35e-05
            1.5e-7                   | 1.5e-07
            2e+3                     | 2000.0
            123.456e10               | 1234560000000.0
            1e15                     | 1000000000000000.0
            1e16                     | 1e+16
            1e22                     | 1e+22
            1e23                     | 1e+23
            8.41e21                  | 8.41e+21
            123456789012345678.0     | 1.2345678901234568e+17
            9007199254740993.0       | 9007199254740992.0
            1.7976931348623157e308   | 1.7976931348623157e+308
            5e-324                   | 5e-324
            7.1202363472230444E-307  | 7.120236347223045e-307
            """)
    void writesWhatPythonWrites(String json, String python) {
        assertThat(PythonNumbers.str(new JsonNumber(json))).isEqualTo(python);
    }
}
