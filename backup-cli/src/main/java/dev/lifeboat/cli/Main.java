package dev.lifeboat.cli;

/** The {@code lifeboat} program. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(new Lifeboat(Environment.system()).run(args));
    }
}
