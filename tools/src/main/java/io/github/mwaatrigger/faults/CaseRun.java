package io.github.mwaatrigger.faults;

import io.github.mwaatrigger.config.Settings;
import io.github.mwaatrigger.config.Transport;
import io.github.mwaatrigger.emulator.EmulatedRun;
import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.emulator.tls.CertificateAuthority;
import io.github.mwaatrigger.faults.EntryPoint.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Runs one case on one entry point: a fresh emulator (so that every run it holds was started by this
 * case), the fault injected, the case's events sent at once (each through a deployment of its own), then
 * every event whose sender was told to retry sent again with the fault cleared, and the runs counted.
 */
final class CaseRun {

    private final CertificateAuthority trusted;
    private final Duration timeout;
    private final Transport transport;

    /**
     * @param trusted   the CA this JVM trusts, whose certificates the emulators serve
     * @param timeout   the time each entry point is given per event
     * @param transport how the entry points reach Airflow
     */
    CaseRun(CertificateAuthority trusted, Duration timeout, Transport transport) {
        this.trusted = Objects.requireNonNull(trusted, "trusted");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /** Over the CLI transport. */
    CaseRun(CertificateAuthority trusted, Duration timeout) {
        this(trusted, timeout, Transport.CLI);
    }

    CaseResult run(FaultCase fault, EntryPoint entry) {
        long started = System.nanoTime();
        EmulatorConfig config = EmulatorConfig.builder().airflowVersion(fault.airflow())
                .cliCapacity(4, fault.cliLatency()).build();
        List<MwaaEmulator> emulators = new ArrayList<>();
        try {
            MwaaEmulator emulator = start(emulators, config, trusted);
            Map<String, String> working = connection(config, emulator.controlPlaneEndpoint());
            Map<String, String> faulty = switch (fault.reach()) {
                case EMULATOR -> working;
                case REFUSED -> connection(config, refusedEndpoint());
                case UNTRUSTED -> connection(config, start(emulators, config,
                        CertificateAuthority.create("a CA nobody trusts")).controlPlaneEndpoint());
            };
            List<SuiteEvent> events = IntStream.range(0, fault.events()).mapToObj(entry::event).toList();
            List<Deployment> deployments = events.stream().map(event -> entry.deploy(faulty, timeout)).toList();
            fault.inject().accept(emulator, timeout);
            List<Attempt> first = sendAll(deployments, events);
            int notActedOut = emulator.pendingFaults();
            emulator.clearFaults();
            Map<Integer, Attempt> reruns = rerun(fault, entry, working, deployments, events, first);
            List<EmulatedRun> runs = emulators.stream().flatMap(each -> each.runs().stream()).toList();
            CaseResult result = tally(fault, entry, events, first, reruns, runs,
                    Duration.ofNanos(System.nanoTime() - started));
            return notActedOut == 0 ? result : result.noting(notActedOut + " injected faults never acted out");
        } finally {
            emulators.forEach(MwaaEmulator::close);
        }
    }

    /**
     * Sends again each event whose sender was told to retry, as Lambda, the caller or the operator would: to
     * the same deployment (a warm container, the same process's environment), or, when the fault was where
     * the endpoint pointed, to one whose configuration was fixed.
     */
    private Map<Integer, Attempt> rerun(FaultCase fault, EntryPoint entry, Map<String, String> working,
            List<Deployment> deployments, List<SuiteEvent> events, List<Attempt> first) {
        List<Integer> again = IntStream.range(0, events.size()).filter(i -> first.get(i).signalsRetry()).boxed()
                .toList();
        List<Deployment> fixed = again.stream().map(i -> fault.reach() == FaultCase.Reach.EMULATOR
                ? deployments.get(i) : entry.deploy(working, timeout)).toList();
        List<Attempt> second = sendAll(fixed, again.stream().map(events::get).toList());
        Map<Integer, Attempt> reruns = new TreeMap<>();
        for (int i = 0; i < again.size(); i++) {
            reruns.put(again.get(i), second.get(i));
        }
        return reruns;
    }

    private static CaseResult tally(FaultCase fault, EntryPoint entry, List<SuiteEvent> events, List<Attempt> first,
            Map<Integer, Attempt> reruns, List<EmulatedRun> runs, Duration time) {
        int created = 0;
        int lost = 0;
        long duplicated = runs.stream().filter(run -> events.stream().noneMatch(event -> event.started(run))).count();
        for (int i = 0; i < events.size(); i++) {
            SuiteEvent event = events.get(i);
            long ofEvent = runs.stream().filter(event::started).count();
            Attempt last = reruns.getOrDefault(i, first.get(i));
            created += ofEvent > 0 ? 1 : 0;
            duplicated += Math.max(0, ofEvent - 1);
            lost += ofEvent == 0 && !last.signalsRetry() ? 1 : 0;
        }
        String outcome = summary(first) + (reruns.isEmpty() ? "" : " -> rerun: " + summary(List.copyOf(reruns.values())));
        return new CaseResult(fault.name(), entry.name(), events.size(), created, lost, (int) duplicated, outcome, time);
    }

    /** {@code CREATED}, or {@code 46 CREATED, 4 exit 3} for several events. */
    static String summary(List<Attempt> attempts) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        attempts.forEach(attempt -> counts.merge(attempt.shown(), 1, Integer::sum));
        if (attempts.size() == 1) {
            return attempts.get(0).shown();
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((shown, count) -> parts.add(count + " " + shown));
        return String.join(", ", parts);
    }

    /** Each event sent once through its deployment, all at once; what each sender saw, in order. */
    private static List<Attempt> sendAll(List<Deployment> deployments, List<SuiteEvent> events) {
        if (events.size() <= 1) {
            return events.isEmpty() ? List.of() : List.of(deployments.get(0).send(events.get(0)));
        }
        ExecutorService senders = Executors.newFixedThreadPool(events.size(), runnable -> {
            Thread thread = new Thread(runnable, "fault-suite-sender");
            thread.setDaemon(true);
            return thread;
        });
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Attempt>> sent = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                Deployment deployment = deployments.get(i);
                SuiteEvent event = events.get(i);
                sent.add(senders.submit(() -> {
                    go.await();
                    return deployment.send(event);
                }));
            }
            go.countDown();
            List<Attempt> attempts = new ArrayList<>();
            for (Future<Attempt> attempt : sent) {
                attempts.add(attempt.get());
            }
            return attempts;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending the events", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("sending an event failed in the suite itself: " + e.getCause(),
                    e.getCause());
        } finally {
            senders.shutdownNow();
        }
    }

    private static MwaaEmulator start(List<MwaaEmulator> emulators, EmulatorConfig config,
            CertificateAuthority authority) {
        MwaaEmulator emulator = MwaaEmulator.start(config, authority);
        emulators.add(emulator);
        return emulator;
    }

    /** The environment variables of a deployment whose MWAA API is at {@code endpoint}. */
    private Map<String, String> connection(EmulatorConfig config, URI endpoint) {
        return Map.of(Settings.ENVIRONMENT_NAME, config.environmentName(),
                Settings.AIRFLOW_VERSION, config.airflowVersion().toString(),
                Settings.REGION, config.region(),
                Settings.ENDPOINT_URL_MWAA, endpoint.toString(),
                Settings.TRANSPORT, transport.value());
    }

    /** A loopback endpoint nothing listens on: a port just bound and let go. */
    private static URI refusedEndpoint() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return URI.create("https://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        }
    }
}
