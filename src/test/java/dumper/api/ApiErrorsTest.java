package dumper.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Errors speak of the request, never of the classes that read it. */
class ApiErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static String errorFor(String body) {
        JsonProcessingException e = catchThrowableOfType(JsonProcessingException.class,
                () -> JSON.readValue(body, RunsResource.TriggerRequest.class));
        return ApiErrors.describe(e);
    }

    @Test
    void an_unknown_field_is_named_with_the_known_ones() {
        assertThat(errorFor("{\"type\":\"zm\",\"strat\":\"2024-01-01\"}"))
                .isEqualTo("unknown field \"strat\"; the fields are batch, end, fresh, replace, start, type");
    }

    @Test
    void a_field_of_the_wrong_type_is_named() {
        assertThat(errorFor("{\"type\":[\"zm\"]}")).contains("field \"type\" has the wrong type").doesNotContain("class", "dumper.");
        assertThat(errorFor("{\"type\":\"zm\",\"fresh\":\"yes\"}")).contains("\"fresh\"", "true or false");
    }

    @Test
    void broken_json_says_where() {
        assertThat(errorFor("{not json")).startsWith("malformed JSON at line 1, column 2").doesNotContain("Source");
        assertThat(errorFor("[1]")).contains("must be an object");
    }
}
