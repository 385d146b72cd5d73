package io.dmflow.api.nativeimage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Finds, in compiled classes, the dmflow types that Jackson reads or writes: the bodies of REST resource methods
 * (parameters and return types with their type arguments), what is handed to {@code Response.ok(..)} and
 * {@code ResponseBuilder.entity(..)} and to an {@code ObjectMapper}'s write and read methods, types carrying a
 * Jackson annotation, and, from each of these, the dmflow types of its record components, public getters and
 * public fields. A value whose type the bytecode does not tell is reported as a site, so that the check cannot pass
 * by not seeing.
 */
final class JacksonBoundTypes {

    private static final String DMFLOW = "io.dmflow.";
    private static final String JACKSON_ANNOTATIONS = "Lcom/fasterxml/jackson/annotation/";
    private static final Set<String> JAX_RS_METHODS = Set.of(
            "Ljakarta/ws/rs/GET;",
            "Ljakarta/ws/rs/POST;",
            "Ljakarta/ws/rs/PUT;",
            "Ljakarta/ws/rs/DELETE;",
            "Ljakarta/ws/rs/PATCH;",
            "Ljakarta/ws/rs/HEAD;");
    private static final String EXCEPTION_MAPPER = "Lorg/jboss/resteasy/reactive/server/ServerExceptionMapper;";

    final Set<String> types = new TreeSet<>();
    final List<String> unknownSites = new ArrayList<>();
    private final Deque<Class<?>> toExpand = new ArrayDeque<>();

    /** Every class file under io/dmflow in the folder or jar that holds {@code anchor}. */
    JacksonBoundTypes scan(Class<?> anchor) {
        for (ClassNode node : classNodes(anchor)) {
            scanClass(node);
        }
        while (!toExpand.isEmpty()) {
            expand(toExpand.pop());
        }
        return this;
    }

    private void scanClass(ClassNode node) {
        if (hasJacksonAnnotation(node)) {
            addClass(node.name.replace('/', '.'));
        }
        for (MethodNode method : node.methods) {
            boolean endpoint = annotated(method, JAX_RS_METHODS) || annotated(method, Set.of(EXCEPTION_MAPPER));
            if (endpoint) {
                Method reflected = reflect(node, method);
                if (reflected != null) {
                    addType(reflected.getGenericReturnType());
                    for (Parameter parameter : reflected.getParameters()) {
                        if (parameter.getAnnotations().length == 0) { // the entity: @Context, @PathParam, ... are not
                            addType(parameter.getParameterizedType());
                        }
                    }
                }
            }
            scanBody(node, method);
        }
    }

    private void scanBody(ClassNode owner, MethodNode method) {
        for (AbstractInsnNode insn : method.instructions) {
            if (!(insn instanceof MethodInsnNode call)) {
                continue;
            }
            if (writesBody(call)) {
                int objectArgument = objectArgumentsAfterFirst(call);
                AbstractInsnNode value = previous(insn);
                for (int i = 0; i < objectArgument; i++) {
                    value = previous(value); // Response.ok(entity, type): the entity is the one before
                }
                resolve(owner, method, value, call);
            } else if (readsClass(call)) {
                AbstractInsnNode value = previous(insn);
                if (value instanceof LdcInsnNode ldc && ldc.cst instanceof org.objectweb.asm.Type type) {
                    addClass(type.getClassName());
                }
            }
        }
    }

    private static boolean writesBody(MethodInsnNode call) {
        return (call.owner.equals("jakarta/ws/rs/core/Response")
                        && call.name.equals("ok")
                        && !call.desc.startsWith("()"))
                || (call.owner.equals("jakarta/ws/rs/core/Response$ResponseBuilder") && call.name.equals("entity"))
                || (call.owner.equals("com/fasterxml/jackson/databind/ObjectMapper")
                        && (call.name.equals("writeValueAsString")
                                || call.name.equals("writeValueAsBytes")
                                || call.name.equals("valueToTree")))
                || (call.owner.equals("com/fasterxml/jackson/databind/ObjectMapper")
                        && call.name.equals("writeValue")
                        && call.desc.endsWith("Ljava/lang/Object;)V"));
    }

    private static boolean readsClass(MethodInsnNode call) {
        return call.owner.equals("com/fasterxml/jackson/databind/ObjectMapper")
                && (call.name.equals("readValue") || call.name.equals("convertValue"))
                && call.desc.contains("Ljava/lang/Class;)");
    }

    /** How many arguments follow the entity, e.g. the media type of {@code Response.ok(entity, type)}. */
    private static int objectArgumentsAfterFirst(MethodInsnNode call) {
        org.objectweb.asm.Type[] arguments = org.objectweb.asm.Type.getArgumentTypes(call.desc);
        if (call.owner.equals("com/fasterxml/jackson/databind/ObjectMapper") && call.name.equals("writeValue")) {
            return 0;
        }
        return Math.max(0, arguments.length - 1);
    }

    private void resolve(ClassNode owner, MethodNode method, AbstractInsnNode value, MethodInsnNode call) {
        String site = owner.name.replace('/', '.') + "." + method.name + " (" + call.owner + "." + call.name + ")";
        org.objectweb.asm.Type type = typeOf(method, value);
        if (type == null) {
            unknownSites.add(site);
            return;
        }
        if (type.getSort() == org.objectweb.asm.Type.OBJECT) {
            String name = type.getClassName();
            if (name.equals("java.lang.Object")) {
                unknownSites.add(site);
            } else {
                addClass(name);
            }
        }
    }

    private static org.objectweb.asm.Type typeOf(MethodNode method, AbstractInsnNode value) {
        if (value instanceof MethodInsnNode producer) {
            if (producer.name.equals("<init>")) {
                return org.objectweb.asm.Type.getObjectType(producer.owner);
            }
            return org.objectweb.asm.Type.getReturnType(producer.desc);
        }
        if (value instanceof TypeInsnNode cast && cast.getOpcode() == Opcodes.CHECKCAST) {
            return org.objectweb.asm.Type.getObjectType(cast.desc);
        }
        if (value instanceof FieldInsnNode field) {
            return org.objectweb.asm.Type.getType(field.desc);
        }
        if (value instanceof LdcInsnNode ldc && ldc.cst instanceof String) {
            return org.objectweb.asm.Type.getType(String.class);
        }
        if (value instanceof VarInsnNode load && load.getOpcode() == Opcodes.ALOAD && method.localVariables != null) {
            int at = method.instructions.indexOf(load);
            for (LocalVariableNode local : method.localVariables) {
                if (local.index == load.var
                        && method.instructions.indexOf(local.start) <= at
                        && at < method.instructions.indexOf(local.end)) {
                    return org.objectweb.asm.Type.getType(local.desc);
                }
            }
        }
        return null;
    }

    private static AbstractInsnNode previous(AbstractInsnNode insn) {
        AbstractInsnNode previous = insn.getPrevious();
        while (previous != null && previous.getOpcode() < 0) { // labels, line numbers, frames
            previous = previous.getPrevious();
        }
        return previous;
    }

    private void addType(Type type) {
        if (type instanceof Class<?> plain) {
            if (plain.isArray()) {
                addType(plain.getComponentType());
            } else {
                addClass(plain.getName());
            }
        } else if (type instanceof ParameterizedType parameterized) {
            addType(parameterized.getRawType());
            for (Type argument : parameterized.getActualTypeArguments()) {
                addType(argument);
            }
        } else if (type instanceof GenericArrayType array) {
            addType(array.getGenericComponentType());
        } else if (type instanceof WildcardType wildcard) {
            for (Type bound : wildcard.getUpperBounds()) {
                addType(bound);
            }
        }
    }

    private void addClass(String name) {
        if (!name.startsWith(DMFLOW) || types.contains(name)) {
            return;
        }
        Class<?> type = load(name);
        if (Throwable.class.isAssignableFrom(type)) {
            return; // an exception mapper's argument: read by the mapper, never by Jackson
        }
        types.add(name);
        toExpand.push(type);
    }

    /** The dmflow types a serialized value exposes: record components, public getters, public fields. */
    private void expand(Class<?> type) {
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                addType(component.getGenericType());
            }
        }
        for (Method method : type.getMethods()) {
            if (method.getParameterCount() == 0
                    && !Modifier.isStatic(method.getModifiers())
                    && method.getDeclaringClass() != Object.class
                    && (method.getName().startsWith("get") || method.getName().startsWith("is"))) {
                addType(method.getGenericReturnType());
            }
        }
        for (java.lang.reflect.Field field : type.getFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                addType(field.getGenericType());
            }
        }
    }

    private static boolean hasJacksonAnnotation(ClassNode node) {
        Stream<List<org.objectweb.asm.tree.AnnotationNode>> lists = Stream.concat(
                Stream.of(node.visibleAnnotations),
                Stream.concat(
                        node.fields.stream().map(field -> field.visibleAnnotations),
                        node.methods.stream().map(method -> method.visibleAnnotations)));
        if (node.recordComponents != null) {
            lists = Stream.concat(lists, node.recordComponents.stream().map(component -> component.visibleAnnotations));
        }
        return lists.filter(list -> list != null)
                .flatMap(List::stream)
                .anyMatch(annotation -> annotation.desc.startsWith(JACKSON_ANNOTATIONS));
    }

    private static boolean annotated(MethodNode method, Set<String> descriptors) {
        return method.visibleAnnotations != null
                && method.visibleAnnotations.stream().anyMatch(annotation -> descriptors.contains(annotation.desc));
    }

    private static Method reflect(ClassNode node, MethodNode method) {
        Class<?> owner = load(node.name.replace('/', '.'));
        for (Method candidate : owner.getDeclaredMethods()) {
            if (candidate.getName().equals(method.name)
                    && org.objectweb.asm.Type.getMethodDescriptor(candidate).equals(method.desc)) {
                return candidate;
            }
        }
        return null;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, JacksonBoundTypes.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot load " + name, e);
        }
    }

    private static List<ClassNode> classNodes(Class<?> anchor) {
        Path location;
        try {
            location = Path.of(
                    anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<ClassNode> nodes = new ArrayList<>();
        try {
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location.resolve("io/dmflow"))) {
                    for (Path file :
                            files.filter(f -> f.toString().endsWith(".class")).toList()) {
                        try (InputStream in = Files.newInputStream(file)) {
                            nodes.add(read(in));
                        }
                    }
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    for (var entry : java.util.Collections.list(jar.entries())) {
                        if (entry.getName().startsWith("io/dmflow/")
                                && entry.getName().endsWith(".class")) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                nodes.add(read(in));
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return nodes;
    }

    private static ClassNode read(InputStream in) throws IOException {
        ClassNode node = new ClassNode();
        new ClassReader(in).accept(node, ClassReader.SKIP_FRAMES);
        return node;
    }
}
