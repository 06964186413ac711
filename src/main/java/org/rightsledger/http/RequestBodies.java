package org.rightsledger.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import org.rightsledger.problem.Problem.FieldError;
import org.rightsledger.problem.ProblemException;
import org.rightsledger.problem.ProblemType;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * Strict reading of request bodies: malformed JSON is a 400; JSON that does not fit the
 * expected shape (unknown fields, wrong types, unknown enum values, failed constraints) is a
 * 422 listing every offending field by JSON Pointer.
 */
@ApplicationScoped
public class RequestBodies {

    private static final int MAX_NESTING_DEPTH = 32;

    private final ObjectMapper strict;
    private final Validator validator;

    RequestBodies(ValidatorFactory validators) {
        // Request bodies are plain records, never JPA entities: the default resolver asks JPA
        // whether every property is loaded, which was a fifth of a batch's CPU time.
        this.validator = validators.usingContext().traversableResolver(new EveryPropertyIsLoaded()).getValidator();
        JsonMapper mapper = JsonMapper.builder()
                .findAndAddModules()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .addModule(new SimpleModule("exact-enums").setDeserializerModifier(new ExactEnums()))
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH).build());
        // A string field takes only JSON strings, a number only numbers, a boolean only booleans.
        for (CoercionInputShape shape : new CoercionInputShape[] { CoercionInputShape.Integer,
                CoercionInputShape.Float, CoercionInputShape.Boolean }) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        this.strict = mapper;
    }

    /**
     * The body as text. JSON is UTF-8 (RFC 8259 §8.1): bytes that are not (overlong forms,
     * encoded surrogates, cut-off sequences) are a 400, never silently replaced by U+FFFD.
     */
    public static String utf8(byte[] body) {
        if (body == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "The request body is not valid UTF-8");
        }
    }

    public JsonNode tree(byte[] body) {
        return tree(utf8(body));
    }

    public JsonNode object(byte[] body) {
        return object(utf8(body));
    }

    public <T> T read(byte[] body, Class<T> type) {
        return read(utf8(body), type);
    }

    /** The body as a JSON object (400 when it is not one). */
    public JsonNode tree(String body) {
        if (body == null || body.isBlank()) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "The request body is empty; send a JSON object");
        }
        JsonNode tree;
        try {
            tree = strict.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, describe(e));
        }
        if (tree == null || tree.isMissingNode()) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "The request body is empty; send a JSON object");
        }
        refuseNul(tree, "");
        return tree;
    }

    /** PostgreSQL text cannot hold U+0000: refuse it here, as bad input, not deep in the store as a 500. */
    private static void refuseNul(JsonNode node, String pointer) {
        // No request field is nullable in the contract: null is not "absent" (nor false, nor empty).
        if (node.isNull() && !pointer.isEmpty()) {
            throw ProblemException.invalid(pointer, "must not be null; leave the field out instead");
        }
        if (node.isTextual() && node.textValue().indexOf('\u0000') >= 0) {
            throw ProblemException.invalid(pointer, "must not contain the NUL character (U+0000)");
        }
        // A lone surrogate is not Unicode text: stored, it would silently become "?" (RFC 8785 refuses it too).
        if (node.isTextual() && hasLoneSurrogate(node.textValue())) {
            throw ProblemException.invalid(pointer, "must be valid Unicode: it holds an unpaired surrogate");
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refuseNul(node.get(i), pointer + "/" + i);
            }
        } else if (node.isObject()) {
            var fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                if (field.getKey().indexOf('\u0000') >= 0 || hasLoneSurrogate(field.getKey())) {
                    throw ProblemException.invalid(pointer, "field names must not contain the NUL character (U+0000)");
                }
                refuseNul(field.getValue(), pointer + "/" + escape(field.getKey()));
            }
        }
    }

    public JsonNode object(String body) {
        JsonNode tree = tree(body);
        if (!tree.isObject()) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "Expected a JSON object, got " + tree.getNodeType());
        }
        return tree;
    }

    public <T> T read(String body, Class<T> type) {
        List<FieldError> errors = new ArrayList<>();
        T value = convert(object(body), type, "", errors);
        if (value != null) {
            validate(value, "", errors);
        }
        throwIfAny(errors);
        return value;
    }

    /** Maps a JSON node onto a type; on failure adds the error and returns null. */
    public <T> T convert(JsonNode node, Class<T> type, String pointerPrefix, List<FieldError> errors) {
        try {
            return strict.treeToValue(node, type);
        } catch (JsonMappingException e) {
            errors.add(FieldError.at(pointerPrefix + pointer(e.getPath()), describe(e)));
            return null;
        } catch (JsonProcessingException e) {
            errors.add(FieldError.at(pointerPrefix, describe(e)));
            return null;
        }
    }

    public void validate(Object value, String pointerPrefix, List<FieldError> errors) {
        Set<ConstraintViolation<Object>> violations = validator.validate(value);
        violations.stream()
                .map(v -> FieldError.at(pointerPrefix + pointer(v.getPropertyPath()), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::pointer))
                .forEach(errors::add);
    }

    public static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            String detail = errors.size() == 1 ? errors.get(0).pointer() + ": " + errors.get(0).detail()
                    : errors.size() + " fields are invalid; see errors";
            throw new ProblemException(ProblemType.VALIDATION, detail, errors);
        }
    }

    public ObjectMapper mapper() {
        return strict;
    }

    private static String pointer(List<JsonMappingException.Reference> path) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            pointer.append('/');
            pointer.append(reference.getFieldName() != null ? escape(reference.getFieldName()) : reference.getIndex());
        }
        return pointer.toString();
    }

    static String pointer(Path path) {
        StringBuilder pointer = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable() && node.getIndex() != null) {
                pointer.append('/').append(node.getIndex());
            }
            if (node.getKind() != ElementKind.CONTAINER_ELEMENT && node.getName() != null) {
                pointer.append('/').append(escape(jsonName(node.getName())));
            }
        }
        return pointer.toString();
    }

    /** Java names that differ from their JSON names. */
    private static String jsonName(String javaName) {
        return switch (javaName) {
            case "inFavour" -> "for";
            case "isProtected" -> "protected";
            default -> javaName;
        };
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class || type.isEnum() || type == java.util.UUID.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'";
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            List<String> accepted = new ArrayList<>();
            for (Object constant : format.getTargetType().getEnumConstants()) {
                accepted.add(constant.toString());
            }
            return "'" + format.getValue() + "' is not one of " + accepted;
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() == java.util.UUID.class) {
            return "'" + format.getValue() + "' is not a UUID";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + expected(mismatch.getTargetType());
        }
        String message = e.getOriginalMessage();
        int internals = message.indexOf("\n at [Source");
        if (internals >= 0) {
            message = message.substring(0, internals);
        }
        if (e.getLocation() != null && !(e instanceof JsonMappingException)) {
            message += " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }
        // Jackson's messages name Java classes; keep what matters to an API user.
        return message.replaceAll("`[a-z]+(\\.[a-zA-Z$]+)+`", "value").replaceAll("\\s+", " ");
    }

    /**
     * Enum values exactly as the contract spells them: Jackson would otherwise trim
     * {@code " held"} to {@code held} and store a value the client never sent.
     */
    private static final class ExactEnums extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                BeanDescription description, JsonDeserializer<?> deserializer) {
            return new Exact(deserializer, type.getRawClass());
        }
    }

    private static final class Exact extends DelegatingDeserializer {
        private final Class<?> enumType;

        Exact(JsonDeserializer<?> delegate, Class<?> enumType) {
            super(delegate);
            this.enumType = enumType;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Exact(delegate, enumType);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws java.io.IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                String text = p.getText();
                if (text.isEmpty() || !text.strip().equals(text)) {
                    throw InvalidFormatException.from(p, "not an exact enum value", text, enumType);
                }
            }
            return super.deserialize(p, ctxt);
        }
    }

    /** Every property of a request body is there to validate and to cascade into. */
    private static final class EveryPropertyIsLoaded implements TraversableResolver {

        @Override
        public boolean isReachable(Object bean, Path.Node property, Class<?> rootBean, Path path,
                java.lang.annotation.ElementType type) {
            return true;
        }

        @Override
        public boolean isCascadable(Object bean, Path.Node property, Class<?> rootBean, Path path,
                java.lang.annotation.ElementType type) {
            return true;
        }
    }
}
