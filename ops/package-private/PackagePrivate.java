import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Package-private by default (STYLE.md, issue #22): removes {@code public} from every type, constructor, method and
 * field of src/main/java that no other package names (main and test sources are read, with javac's own symbol
 * resolution, so an overload or an inherited member is told apart exactly) and that no framework needs public.
 *
 * <p>Run through {@code ops/package-private/apply}, which supplies the compile classpath. Arguments:
 * {@code [--check] [--verbose] --classpath CP ROOT}; {@code --check} changes nothing, lists what would change and
 * exits 1 if anything would.
 *
 * <p>Kept public whatever the references (each found needed by compiling and testing):
 * <ul>
 *   <li>members of interfaces and annotation types (public by the language);</li>
 *   <li>a method that overrides or implements another (Java forbids reducing its access), {@code main(String[])};</li>
 *   <li>JAX-RS resource methods and locators (Quarkus REST 3.33 ignores, with a warning, one that is not public: every
 *       request to it is a 404); its {@code @ServerExceptionMapper} and filter methods work package-private;</li>
 *   <li>records' canonical constructors and explicit accessors (the language ties them to the record's access);</li>
 *   <li>{@code @ConfigMapping} interfaces (SmallRye Config generates their implementation elsewhere);</li>
 *   <li>JPA entities' fields and constructors (Hibernate and Panache enhancement reach them);</li>
 *   <li>Jackson-annotated members, and public fields, getters and setters of non-record classes (Jackson's default
 *       visibility serialises only public ones);</li>
 *   <li>the constructors of a class extended from another package (the implicit {@code super()});</li>
 *   <li>a type enclosing a member kept public for another package (a member of an inaccessible type is
 *       inaccessible).</li>
 * </ul>
 */
public class PackagePrivate {

    /** One {@code public} declaration of src/main/java that could lose its modifier. */
    record Declaration(Element element, Path file, CompilationUnitTree unit, Tree tree, ModifiersTree modifiers, String kind) {
    }

    public static void main(String[] args) throws IOException {
        boolean check = false;
        boolean verbose = false;
        String classpath = null;
        Path root = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--check" -> check = true;
                case "--verbose" -> verbose = true;
                case "--classpath" -> classpath = args[++i];
                default -> root = Path.of(args[i]);
            }
        }
        if (root == null || classpath == null) {
            System.err.println("usage: PackagePrivate [--check] [--verbose] --classpath CP ROOT");
            System.exit(2);
        }
        System.exit(new PackagePrivate(root, classpath, verbose).run(check));
    }

    private final Path root;
    private final String classpath;
    private final boolean verbose;
    private Trees trees;
    private Elements elements;
    private Types types;

    /** For each declaration of the main sources, the packages (other than its own) that name it. */
    private final Map<Element, Set<String>> usedFrom = new HashMap<>();
    private final Map<Element, String> keptBecause = new LinkedHashMap<>();
    private final List<Declaration> declarations = new ArrayList<>();

    PackagePrivate(Path root, String classpath, boolean verbose) {
        this.root = root;
        this.classpath = classpath;
        this.verbose = verbose;
    }

    int run(boolean check) throws IOException {
        Path main = root.resolve("src/main/java");
        Path test = root.resolve("src/test/java");
        List<Path> mainFiles = javaFiles(main);
        List<Path> all = new ArrayList<>(mainFiles);
        all.addAll(javaFiles(test));

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
        JavacTask task = (JavacTask) compiler.getTask(null, files, diagnostics,
                List.of("-proc:none", "-classpath", classpath, "--release", "17", "-Xmaxerrs", "10000"),
                null, files.getJavaFileObjectsFromPaths(all));
        Iterable<? extends CompilationUnitTree> units = task.parse();
        task.analyze();
        List<Diagnostic<? extends JavaFileObject>> errors = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).collect(Collectors.toList());
        if (!errors.isEmpty()) {
            // Symbols are resolved exactly only in sources that compile: refuse rather than guess.
            errors.stream().limit(20).forEach(d -> System.err.println(d.getSource() == null ? d.getMessage(Locale.ROOT)
                    : d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT)));
            System.err.println(errors.size() + " compile error(s): the sources must compile (classpath: "
                    + "run through ops/package-private/apply)");
            return 2;
        }
        trees = Trees.instance(task);
        elements = task.getElements();
        types = task.getTypes();

        Set<Path> mainSet = mainFiles.stream().map(Path::toAbsolutePath).map(Path::normalize).collect(Collectors.toSet());
        for (CompilationUnitTree unit : units) {
            Path file = Path.of(unit.getSourceFile().toUri()).toAbsolutePath().normalize();
            if (mainSet.contains(file)) {
                collectDeclarations(unit, file);
            }
            collectReferences(unit);
        }
        decideKept();

        Map<Path, List<Declaration>> changes = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (Declaration d : declarations) {
            if (!keptBecause.containsKey(d.element())) {
                changes.computeIfAbsent(d.file(), f -> new ArrayList<>()).add(d);
                counts.merge(d.kind(), 1, Integer::sum);
            }
        }
        int changed = 0;
        for (Map.Entry<Path, List<Declaration>> entry : changes.entrySet()) {
            Path file = entry.getKey();
            String text = Files.readString(file);
            // Edits from the end, so that earlier positions stay valid; one edit per modifiers list (a field
            // declaration "public int a, b;" has one list for two variables).
            Map<Long, Declaration> byPosition = new TreeMap<>(Comparator.reverseOrder());
            for (Declaration d : entry.getValue()) {
                byPosition.put(trees.getSourcePositions().getStartPosition(d.unit(), d.modifiers()), d);
            }
            StringBuilder out = new StringBuilder(text);
            for (Map.Entry<Long, Declaration> edit : byPosition.entrySet()) {
                int[] span = publicKeyword(text, (int) (long) edit.getKey());
                realignParameters(text, out, span, edit.getValue());
                out.delete(span[0], span[1]);
                changed++;
                long line = edit.getValue().unit().getLineMap().getLineNumber(edit.getKey());
                System.out.println(root.relativize(file) + ":" + line + ": " + edit.getValue().kind() + " "
                        + describe(edit.getValue().element()));
            }
            if (!check) {
                Files.writeString(file, out.toString());
            }
        }
        System.out.println((check ? "would make " : "made ") + changed + " declaration(s) package-private " + counts);
        long publicLeft = declarations.stream().filter(d -> keptBecause.containsKey(d.element())).count();
        System.out.println(publicLeft + " public declaration(s) kept");
        if (verbose) {
            keptBecause.forEach((e, why) -> System.out.println("kept " + describe(e) + ": " + why));
        }
        return check && changed > 0 ? 1 : 0;
    }

    /**
     * Parameters continued on later lines aligned under the first one move left with it (edits at positions after
     * span, so the caller's later, earlier-positioned edits stay valid).
     */
    private void realignParameters(String text, StringBuilder out, int[] span, Declaration d) {
        if (!(d.tree() instanceof MethodTree method)) {
            return;
        }
        int lineStart = text.lastIndexOf('\n', span[0]) + 1;
        int lineEnd = text.indexOf('\n', span[0]);
        int open = text.indexOf('(', span[1]);
        if (lineEnd < 0 || open < 0 || open > lineEnd) {
            return;
        }
        int alignColumn = open + 1 - lineStart;
        int removed = span[1] - span[0];
        long signatureEnd = method.getBody() != null
                ? trees.getSourcePositions().getStartPosition(d.unit(), method.getBody()) : text.indexOf(';', open);
        List<Integer> lineStarts = new ArrayList<>();
        for (int i = lineEnd + 1; i > 0 && i < signatureEnd; i = text.indexOf('\n', i) + 1) {
            lineStarts.add(i);
        }
        for (int k = lineStarts.size() - 1; k >= 0; k--) {
            int start = lineStarts.get(k);
            int indent = 0;
            while (start + indent < text.length() && text.charAt(start + indent) == ' ') {
                indent++;
            }
            if (indent >= alignColumn) {
                out.delete(start, start + removed);
            }
        }
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
    }

    private void collectDeclarations(CompilationUnitTree unit, Path file) {
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitClass(ClassTree tree, Void unused) {
                consider(tree.getModifiers(), getCurrentPath());
                return super.visitClass(tree, unused);
            }

            @Override
            public Void visitMethod(MethodTree tree, Void unused) {
                consider(tree.getModifiers(), getCurrentPath());
                return super.visitMethod(tree, unused);
            }

            @Override
            public Void visitVariable(VariableTree tree, Void unused) {
                Element e = trees.getElement(getCurrentPath());
                if (e != null && (e.getKind() == ElementKind.FIELD)) {
                    consider(tree.getModifiers(), getCurrentPath());
                }
                return super.visitVariable(tree, unused);
            }

            private void consider(ModifiersTree modifiers, TreePath path) {
                if (!modifiers.getFlags().contains(Modifier.PUBLIC)) {
                    return;
                }
                Element e = trees.getElement(path);
                if (e == null || elements.getOrigin(e) != Elements.Origin.EXPLICIT
                        || trees.getSourcePositions().getStartPosition(unit, modifiers) < 0) {
                    return; // generated by the compiler (a default constructor)
                }
                Element owner = e.getEnclosingElement();
                if (owner != null && (owner.getKind().isInterface())) {
                    return; // public by the language
                }
                String kind = switch (e.getKind()) {
                    case CONSTRUCTOR -> "constructor";
                    case METHOD -> "method";
                    case FIELD -> "field";
                    default -> owner instanceof PackageElement ? "type" : "nested-type";
                };
                declarations.add(new Declaration(e, file, unit, path.getLeaf(), modifiers, kind));
                String reason = frameworkReason(e);
                if (reason != null) {
                    keptBecause.put(e, reason);
                }
            }
        }.scan(unit, null);
    }

    /** Why a framework or the language needs this declaration public, or null. */
    private String frameworkReason(Element e) {
        Element owner = e.getEnclosingElement();
        switch (e.getKind()) {
            case METHOD -> {
                ExecutableElement method = (ExecutableElement) e;
                if (overridesSomething(method)) {
                    return "overrides or implements";
                }
                if (method.getSimpleName().contentEquals("main") && method.getModifiers().contains(Modifier.STATIC)) {
                    return "main";
                }
                if (owner.getKind() == ElementKind.RECORD && method.getParameters().isEmpty()
                        && owner.getEnclosedElements().stream().anyMatch(c -> c.getKind() == ElementKind.RECORD_COMPONENT
                        && c.getSimpleName().contentEquals(method.getSimpleName()))) {
                    return "record accessor";
                }
                if (hasAnnotationFrom(e, "com.fasterxml.jackson.")) {
                    return "Jackson annotation";
                }
                if (isResourceMethod(e)) {
                    return "JAX-RS resource method (Quarkus REST ignores one that is not public)";
                }
                if ((owner.getKind() == ElementKind.CLASS || owner.getKind() == ElementKind.RECORD) && isBeanAccessor(method)) {
                    return "Jackson getter or setter of a class or record";
                }
            }
            case CONSTRUCTOR -> {
                if (owner.getKind() == ElementKind.RECORD && isCanonical((ExecutableElement) e, (TypeElement) owner)) {
                    return "record canonical constructor";
                }
                if (isEntity(owner)) {
                    return "entity constructor";
                }
                if (hasAnnotationFrom(e, "com.fasterxml.jackson.")) {
                    return "Jackson annotation";
                }
            }
            case FIELD -> {
                if (isEntity(owner)) {
                    return "entity field";
                }
                if (hasAnnotationFrom(e, "com.fasterxml.jackson.")) {
                    return "Jackson annotation";
                }
                if (owner.getKind() == ElementKind.CLASS && !e.getModifiers().contains(Modifier.STATIC)) {
                    return "Jackson field of a class";
                }
            }
            default -> {
                if (hasAnnotation(e, "io.smallrye.config.ConfigMapping")) {
                    return "@ConfigMapping";
                }
                if (hasAnnotation(e, "io.quarkus.runtime.annotations.QuarkusMain")) {
                    return "@QuarkusMain";
                }
            }
        }
        return null;
    }

    private boolean overridesSomething(ExecutableElement method) {
        if (hasAnnotation(method, "java.lang.Override")) {
            return true;
        }
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        for (TypeElement superType : allSupertypes(owner)) {
            for (Element member : superType.getEnclosedElements()) {
                if (member.getKind() == ElementKind.METHOD && member.getSimpleName().equals(method.getSimpleName())
                        && elements.overrides(method, (ExecutableElement) member, owner)) {
                    return true;
                }
            }
        }
        return false;
    }

    private Set<TypeElement> allSupertypes(TypeElement type) {
        Set<TypeElement> found = new HashSet<>();
        List<TypeMirror> todo = new ArrayList<>(types.directSupertypes(type.asType()));
        while (!todo.isEmpty()) {
            TypeMirror t = todo.remove(todo.size() - 1);
            if (t.getKind() == TypeKind.DECLARED) {
                TypeElement e = (TypeElement) ((DeclaredType) t).asElement();
                if (found.add(e)) {
                    todo.addAll(types.directSupertypes(t));
                }
            }
        }
        return found;
    }

    private static boolean isBeanAccessor(ExecutableElement method) {
        if (method.getModifiers().contains(Modifier.STATIC)) {
            return false;
        }
        String name = method.getSimpleName().toString();
        boolean getter = method.getParameters().isEmpty() && method.getReturnType().getKind() != TypeKind.VOID
                && ((name.startsWith("get") && name.length() > 3) || (name.startsWith("is") && name.length() > 2));
        boolean setter = method.getParameters().size() == 1 && name.startsWith("set") && name.length() > 3;
        return getter || setter;
    }

    /** A resource method or sub-resource locator: {@code @Path}, or an annotation meta-annotated {@code @HttpMethod}. */
    private static boolean isResourceMethod(Element e) {
        for (AnnotationMirror a : e.getAnnotationMirrors()) {
            Element type = a.getAnnotationType().asElement();
            if (((TypeElement) type).getQualifiedName().contentEquals("jakarta.ws.rs.Path")
                    || hasAnnotation(type, "jakarta.ws.rs.HttpMethod")) {
                return true;
            }
        }
        return false;
    }

    private boolean isCanonical(ExecutableElement constructor, TypeElement record) {
        List<TypeMirror> components = record.getRecordComponents().stream().map(Element::asType).collect(Collectors.toList());
        if (components.size() != constructor.getParameters().size()) {
            return false;
        }
        for (int i = 0; i < components.size(); i++) {
            if (!types.isSameType(types.erasure(components.get(i)), types.erasure(constructor.getParameters().get(i).asType()))) {
                return false;
            }
        }
        return true;
    }

    private boolean isEntity(Element type) {
        return hasAnnotation(type, "jakarta.persistence.Entity") || hasAnnotation(type, "jakarta.persistence.Embeddable")
                || hasAnnotation(type, "jakarta.persistence.MappedSuperclass");
    }

    private static boolean hasAnnotation(Element e, String name) {
        for (AnnotationMirror a : e.getAnnotationMirrors()) {
            if (((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasAnnotationFrom(Element e, String prefix) {
        for (AnnotationMirror a : e.getAnnotationMirrors()) {
            if (((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().toString().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Records, for each symbol a unit names, that the unit's package uses it. */
    private void collectReferences(CompilationUnitTree unit) {
        String here = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
        new TreePathScanner<Void, Void>() {
            @Override
            public Void scan(Tree tree, Void unused) {
                if (tree != null && getCurrentPath() != null) {
                    Element e = trees.getElement(new TreePath(getCurrentPath(), tree));
                    note(e);
                }
                return super.scan(tree, unused);
            }

            @Override
            public Void visitImport(ImportTree tree, Void unused) {
                if (tree.isStatic() && tree.getQualifiedIdentifier() instanceof MemberSelectTree select) {
                    // "import static a.B.name" names every member of B called name (or all of them for *).
                    Element owner = trees.getElement(new TreePath(new TreePath(getCurrentPath(), select), select.getExpression()));
                    if (owner != null) {
                        for (Element member : owner.getEnclosedElements()) {
                            if (select.getIdentifier().contentEquals("*") || member.getSimpleName().equals(select.getIdentifier())) {
                                note(member);
                            }
                        }
                    }
                }
                return super.visitImport(tree, unused);
            }

            @Override
            public Void visitClass(ClassTree tree, Void unused) {
                // A subclass in another package calls its superclass's constructor, often implicitly.
                Element e = trees.getElement(getCurrentPath());
                if (e instanceof TypeElement type && type.getSuperclass().getKind() == TypeKind.DECLARED) {
                    Element superclass = ((DeclaredType) type.getSuperclass()).asElement();
                    for (Element member : superclass.getEnclosedElements()) {
                        if (member.getKind() == ElementKind.CONSTRUCTOR) {
                            note(member);
                        }
                    }
                }
                return super.visitClass(tree, unused);
            }

            private void note(Element e) {
                if (e == null || e.getKind() == ElementKind.PACKAGE) {
                    return;
                }
                PackageElement pkg = elements.getPackageOf(e);
                if (pkg == null || pkg.getQualifiedName().contentEquals(here)) {
                    return;
                }
                usedFrom.computeIfAbsent(e, k -> new HashSet<>()).add(here);
            }
        }.scan(unit, null);
    }

    /** Marks as kept what another package names, then (to a fixed point) the types enclosing anything kept. */
    private void decideKept() {
        for (Declaration d : declarations) {
            Set<String> from = usedFrom.get(d.element());
            if (from != null && !keptBecause.containsKey(d.element())) {
                keptBecause.put(d.element(), "named in " + new java.util.TreeSet<>(from));
            }
        }
        Set<Element> declared = declarations.stream().map(Declaration::element).collect(Collectors.toSet());
        boolean grew = true;
        while (grew) {
            grew = false;
            // Whatever another package names (a record's implicit accessor too), and every type kept public.
            Set<Element> forOthers = new HashSet<>(usedFrom.keySet());
            keptBecause.keySet().stream().filter(PackagePrivate::isTypeKind).forEach(forOthers::add);
            for (Element e : forOthers) {
                // A varargs method another package calls needs its element type accessible there (javac: "formal
                // varargs element type ... is not accessible"), even when no other package names that type.
                if (e instanceof javax.lang.model.element.ExecutableElement m && m.isVarArgs()
                        && m.getParameters().get(m.getParameters().size() - 1).asType() instanceof javax.lang.model.type.ArrayType array
                        && array.getComponentType() instanceof javax.lang.model.type.DeclaredType component) {
                    Element type = component.asElement();
                    if (declared.contains(type) && !keptBecause.containsKey(type)) {
                        keptBecause.put(type, "varargs element type of " + describe(e));
                        grew = true;
                    }
                }
                for (Element owner = e.getEnclosingElement(); owner != null && owner.getKind() != ElementKind.PACKAGE;
                        owner = owner.getEnclosingElement()) {
                    if (declared.contains(owner) && !keptBecause.containsKey(owner)) {
                        keptBecause.put(owner, "encloses " + describe(e));
                        grew = true;
                    }
                }
            }
        }
    }

    private static boolean isTypeKind(Element e) {
        return e.getKind().isClass() || e.getKind().isInterface();
    }

    private String describe(Element e) {
        if (isTypeKind(e)) {
            return ((TypeElement) e).getQualifiedName().toString();
        }
        return describe(e.getEnclosingElement()) + "." + e;
    }

    /** The span of the keyword "public" and the blanks after it, in the modifiers starting at start. */
    static int[] publicKeyword(String text, int start) {
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (text.startsWith("//", i)) {
                i = text.indexOf('\n', i);
            } else if (text.startsWith("/*", i)) {
                i = text.indexOf("*/", i) + 2;
            } else if (c == '@' && !text.startsWith("@interface", i)) {
                i = skipAnnotation(text, i);
            } else if (Character.isJavaIdentifierStart(c)) {
                int end = i;
                while (end < text.length() && (Character.isJavaIdentifierPart(text.charAt(end)) || text.charAt(end) == '-')) {
                    end++;
                }
                String word = text.substring(i, end);
                if (word.equals("public")) {
                    while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
                        end++;
                    }
                    return new int[] {i, end};
                }
                if (!Set.of("protected", "private", "static", "final", "abstract", "sealed", "non-sealed", "strictfp",
                        "transient", "volatile", "synchronized", "native", "default").contains(word)) {
                    break;
                }
                i = end;
            } else {
                break;
            }
        }
        throw new IllegalStateException("no 'public' in the modifiers at offset " + start + ": "
                + text.substring(start, Math.min(text.length(), start + 80)));
    }

    private static int skipAnnotation(String text, int at) {
        int i = at + 1;
        while (i < text.length() && (Character.isJavaIdentifierPart(text.charAt(i)) || text.charAt(i) == '.')) {
            i++;
        }
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (i >= text.length() || text.charAt(i) != '(') {
            return i;
        }
        int depth = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                if (text.startsWith("\"\"\"", i)) {
                    i = text.indexOf("\"\"\"", i + 3) + 3;
                    continue;
                }
                i++;
                while (text.charAt(i) != '"') {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
            } else if (c == '\'') {
                i++;
                while (text.charAt(i) != '\'') {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
            i++;
        }
        return i;
    }
}
