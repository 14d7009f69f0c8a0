package dev.labelport.jobs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A child JVM for {@link KillNineRestartTest}: starts a slow export, says when it is exporting, waits to be killed. */
public final class KilledEngineMain {
    private KilledEngineMain() {
    }

    public static void main(String[] args) throws Exception {
        HostData data = new HostData(1_000_000, 0);
        data.pauseMillisPerItem = 1;
        ExportJobs jobs = ExportJobs.builder().dataProvider(data).workDirectory(Path.of(args[0])).workers(1)
                .progressInterval(Duration.ofMillis(20)).build();
        ExportRequest r = ExportRequest.builder().name("big").format("coco").datasets(List.of("street")).build();
        ExportJob running = jobs.create(r);
        ExportJob queued = jobs.create(r);
        while (jobs.get(running.uid()).exportedTaskCount() == null || jobs.get(running.uid()).exportedTaskCount() < 200) {
            Thread.sleep(10);
        }
        System.out.println("EXPORTING " + running.uid() + " " + queued.uid());
        System.out.flush();
        Thread.sleep(120_000);
    }
}
