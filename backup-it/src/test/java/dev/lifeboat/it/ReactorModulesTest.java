package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every module of the build is within reach of the rules: {@link ArchitectureTest} checks the classes on this
 * module's test class path, so a module missing from backup-it's dependencies would escape every rule unnoticed, and a
 * module missing from lifeboat-bom would not be offered to the projects that import it.
 */
class ReactorModulesTest {

    private static final String THIS_MODULE = "backup-it";

    @Test
    void every_module_with_code_is_on_the_test_class_path() throws Exception {
        List<String> missing = new ArrayList<>();
        for (String module : modulesWithCode()) {
            String packagePath = LifeboatModules.packageRoot(module).replace('.', '/');
            List<URL> found = Collections.list(getClass().getClassLoader().getResources(packagePath));
            boolean mainCodeThere = found.stream().map(URL::toString)
                    .anyMatch(url -> !LifeboatModules.isTestCode(url)
                            && LifeboatModules.moduleOf(url).filter(module::equals).isPresent());
            if (!mainCodeThere) {
                missing.add(module + " (" + packagePath + " found only in " + found + ")");
            }
        }
        assertThat(missing)
                .as("modules in the root pom's <modules> whose main classes are not on backup-it's test class path, "
                        + "so the architecture rules never see them: add each to backup-it/pom.xml (scope test)")
                .isEmpty();
    }

    @Test
    void the_bom_manages_every_module_with_code() throws Exception {
        Document bom = parse(root().resolve("lifeboat-bom").resolve("pom.xml"));
        List<String> managed = new ArrayList<>();
        NodeList dependencies = bom.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            managed.add(childText((Element) dependencies.item(i), "artifactId"));
        }
        assertThat(managed).as("artifacts lifeboat-bom manages").containsAll(modulesWithCode());
    }

    /** The root pom's modules, but for this one and those of pom packaging (the BOM), which have no classes. */
    private static List<String> modulesWithCode() throws Exception {
        NodeList modules = parse(root().resolve("pom.xml")).getElementsByTagName("module");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < modules.getLength(); i++) {
            String module = modules.item(i).getTextContent().trim();
            Element project = parse(root().resolve(module).resolve("pom.xml")).getDocumentElement();
            if (!module.equals(THIS_MODULE) && !"pom".equals(childText(project, "packaging"))) {
                names.add(module);
            }
        }
        assertThat(names).as("modules with code in the root pom").isNotEmpty();
        return names;
    }

    private static Path root() {
        String basedir = System.getProperty("basedir");
        assertThat(basedir).as("the basedir system property Maven's test runner sets").isNotNull();
        Path root = Path.of(basedir).toAbsolutePath().getParent();
        assertThat(root.resolve("pom.xml")).as("the root pom").isRegularFile();
        return root;
    }

    private static Document parse(Path pom) throws Exception {
        if (!Files.isRegularFile(pom)) {
            throw new IOException("no pom at " + pom);
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }

    /** The text of an element's direct child, empty when it has none. */
    private static String childText(Element element, String child) {
        for (var node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e && e.getTagName().equals(child)) {
                return e.getTextContent().trim();
            }
        }
        return "";
    }
}
