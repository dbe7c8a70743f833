package io.github.mwaatrigger.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Calls a handler with a JSON payload as the Lambda Java runtime does, so that a local run sees what a deployed
 * function would: a {@link RequestStreamHandler} reads the payload's bytes as sent; a {@link RequestHandler} gets
 * what the runtime's own deserializer ({@code aws-lambda-java-serialization}) makes of them for the handler's
 * input type, the same one {@code aws-lambda-java-tests}' {@code EventLoader} uses.
 */
public final class LocalRuntime {

    private LocalRuntime() {
    }

    /**
     * Calls {@code handler} with {@code payload}.
     *
     * @return what a {@link RequestHandler} returns, or what a {@link RequestStreamHandler} writes, as text
     * @throws IOException what a {@link RequestStreamHandler} throws
     */
    public static Object invoke(Object handler, byte[] payload, Context context) throws IOException {
        if (handler instanceof RequestStreamHandler streamHandler) {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            streamHandler.handleRequest(new ByteArrayInputStream(payload), output, context);
            return output.toString(StandardCharsets.UTF_8);
        }
        if (!(handler instanceof RequestHandler<?, ?>)) {
            throw new IllegalArgumentException(handler.getClass().getName()
                    + " is neither a RequestHandler nor a RequestStreamHandler");
        }
        @SuppressWarnings("unchecked")
        RequestHandler<Object, Object> typed = (RequestHandler<Object, Object>) handler;
        Object event = LambdaEventSerializers.serializerFor(inputType(handler.getClass()),
                handler.getClass().getClassLoader()).fromJson(new ByteArrayInputStream(payload));
        return typed.handleRequest(event, context);
    }

    private static Class<?> inputType(Class<?> handlerClass) {
        for (Type type : handlerClass.getGenericInterfaces()) {
            if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == RequestHandler.class
                    && parameterized.getActualTypeArguments()[0] instanceof Class<?> input) {
                return input;
            }
        }
        throw new IllegalStateException(handlerClass.getName() + " implements no RequestHandler with a concrete type");
    }
}
