package dev.lifeboat.adapter.postgres;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Work items of which some must wait for others: an item is handed out once every item it waits for is done, and of
 * the items that may be taken, the first in the queue's order goes first (items that compare equal: the one added
 * first). Items are told apart by identity. Thread-safe.
 *
 * @param <T> what one item of the work is
 */
final class DependencyQueue<T> implements WorkerPool.Queue<T> {

    private static final class Node<T> {

        final T item;
        final long added;
        final List<Node<T>> dependents = new ArrayList<>();
        int waitingFor;

        Node(T item, long added) {
            this.item = item;
            this.added = added;
        }
    }

    private final Map<T, Node<T>> nodes = new IdentityHashMap<>();
    private final PriorityQueue<Node<T>> ready;
    private int underWay;
    private boolean stopped;

    DependencyQueue(Comparator<? super T> order) {
        Comparator<Node<T>> byItem = Comparator.comparing(node -> node.item, order);
        this.ready = new PriorityQueue<>(byItem.thenComparingLong(node -> node.added));
    }

    /**
     * Adds an item that may be taken once every one of {@code prerequisites} is done.
     *
     * @param item          the item, not added before
     * @param prerequisites items added before this one
     */
    synchronized void add(T item, List<T> prerequisites) {
        if (nodes.containsKey(item)) {
            throw new IllegalArgumentException("added twice: " + item);
        }
        Node<T> node = new Node<>(item, nodes.size());
        for (T prerequisite : prerequisites) {
            Node<T> before = nodes.get(prerequisite);
            if (before == null) {
                throw new IllegalArgumentException("waits for an item not added before it: " + prerequisite);
            }
            before.dependents.add(node);
            node.waitingFor++;
        }
        nodes.put(item, node);
        if (node.waitingFor == 0) {
            ready.add(node);
        }
    }

    @Override
    public synchronized int size() {
        return nodes.size();
    }

    @Override
    public synchronized Optional<T> take() throws InterruptedException {
        while (!stopped && ready.isEmpty() && underWay > 0) {
            wait();
        }
        if (stopped || ready.isEmpty()) {
            // nothing under way can release the items still waiting; add() only lets an item wait for earlier ones
            return Optional.empty();
        }
        underWay++;
        return Optional.of(ready.poll().item);
    }

    @Override
    public synchronized void done(T item) {
        Node<T> node = nodes.get(item);
        if (node == null) {
            throw new IllegalArgumentException("not an item of this queue: " + item);
        }
        underWay--;
        for (Node<T> dependent : node.dependents) {
            if (--dependent.waitingFor == 0) {
                ready.add(dependent);
            }
        }
        notifyAll();
    }

    @Override
    public synchronized void stop() {
        stopped = true;
        notifyAll();
    }
}
