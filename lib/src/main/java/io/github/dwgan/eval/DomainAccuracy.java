package io.github.dwgan.eval;

import io.github.dwgan.plot.FigureStyle;
import io.github.dwgan.plot.Figures;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.ConfusionMatrix;
import org.tribuo.classification.evaluation.LabelEvaluation;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Answers "does the translation hit its target domain?": a Tribuo classifier trained on features of
 * real images scores translations labelled with their target domains, beside its accuracy on
 * held-out real images (the ceiling a perfect generator could reach).
 *
 * <p>Where a second judge of the same translations exists (the FCD network's own head), the report
 * carries its accuracy and the share of translations on which the two judges agree. Note: on
 * translations whose features lie off the real-image distribution, linear classifiers that agree on
 * real images disagree on translations, and the Tribuo score then says more about the classifier
 * than about the generator (measured on the quick StarGAN run: real accuracy 0.93 to 0.95 for every
 * classifier tried, translated accuracy 0.39 to 0.92; see {@link DomainClassifier}). A low
 * agreement flags such a score.
 */
public final class DomainAccuracy {

    private DomainAccuracy() {}

    /**
     * Holds the scores.
     *
     * @param domains the domains, in label order
     * @param realAccuracy accuracy on held-out real images (the ceiling)
     * @param realCount held-out real images scored
     * @param translated the evaluation of translations against their target domains
     * @param translatedCount translations scored
     * @param provenance the Tribuo model's provenance
     * @param referenceAccuracy a second judge's accuracy on the same translations (NaN: none)
     * @param agreement share of translations on which both judges predict the same domain (NaN:
     *     none)
     */
    public record Report(
            List<String> domains,
            double realAccuracy,
            int realCount,
            LabelEvaluation translated,
            int translatedCount,
            String provenance,
            double referenceAccuracy,
            double agreement) {

        /**
         * Returns this report with a second judge of the same translations beside the Tribuo one.
         *
         * @param predicted the second judge's domain per translation, in the order scored
         * @param targets the target domain per translation, in the same order
         * @return a new report
         */
        public Report withReference(List<String> predicted, List<String> targets) {
            List<String> ours = predictions(translated);
            if (predicted.size() != ours.size() || targets.size() != ours.size()) {
                throw new IllegalArgumentException(
                        ours.size()
                                + " translations scored but "
                                + predicted.size()
                                + " reference predictions and "
                                + targets.size()
                                + " targets");
            }
            return new Report(
                    domains,
                    realAccuracy,
                    realCount,
                    translated,
                    translatedCount,
                    provenance,
                    DomainAccuracy.agreement(predicted, targets),
                    DomainAccuracy.agreement(predicted, ours));
        }

        /** Returns the share of translations classified as their target domain. */
        public double translatedAccuracy() {
            return translated.accuracy();
        }

        /** Returns per-domain precision, recall, F1 and support of the translations. */
        public Table perDomain() {
            return DomainAccuracy.perDomain(translated, domains);
        }

        /** Returns the translations' confusion matrix: rows target domain, columns predicted. */
        public Table confusion() {
            return DomainAccuracy.confusion(translated.getConfusionMatrix(), domains);
        }
    }

    /**
     * Trains on real features and scores held-out real and translated features.
     *
     * @param trainX features of real training images
     * @param trainY their domains
     * @param realX features of held-out real images
     * @param realY their domains
     * @param fakeX features of translated images
     * @param fakeY their target domains
     * @param domains the domains, in label order
     * @param seed the classifier's seed
     * @return the report
     */
    public static Report score(
            double[][] trainX,
            List<String> trainY,
            double[][] realX,
            List<String> realY,
            double[][] fakeX,
            List<String> fakeY,
            List<String> domains,
            long seed) {
        DomainClassifier c = DomainClassifier.train(trainX, trainY, "real training images", seed);
        double real = c.evaluate(realX, realY, "held-out real images").accuracy();
        LabelEvaluation fake = c.evaluate(fakeX, fakeY, "translations labelled by target domain");
        return new Report(
                domains,
                real,
                realX.length,
                fake,
                fakeX.length,
                c.provenance(),
                Double.NaN,
                Double.NaN);
    }

    /** Returns the predicted domain names of an evaluation, in the order of its examples. */
    public static List<String> predictions(LabelEvaluation e) {
        return e.getPredictions().stream().map(p -> p.getOutput().getLabel()).toList();
    }

    /** Returns the share of positions at which two equally long lists hold equal names. */
    public static double agreement(List<String> a, List<String> b) {
        if (a.size() != b.size() || a.isEmpty()) {
            throw new IllegalArgumentException(
                    "need two equally long, non-empty lists, got " + a.size() + " and " + b.size());
        }
        int same = 0;
        for (int i = 0; i < a.size(); i++) {
            same += a.get(i).equals(b.get(i)) ? 1 : 0;
        }
        return same / (double) a.size();
    }

    /** Returns per-domain precision, recall, F1 and support as a table. */
    public static Table perDomain(LabelEvaluation e, List<String> domains) {
        StringColumn name = StringColumn.create("domain");
        DoubleColumn p = DoubleColumn.create("precision");
        DoubleColumn r = DoubleColumn.create("recall");
        DoubleColumn f = DoubleColumn.create("f1");
        IntColumn n = IntColumn.create("support");
        ConfusionMatrix<Label> cm = e.getConfusionMatrix();
        for (String d : domains) {
            Label l = new Label(d);
            name.append(d);
            p.append(e.precision(l));
            r.append(e.recall(l));
            f.append(e.f1(l));
            n.append((int) Math.round(cm.support(l)));
        }
        return Table.create("per-domain scores of translations", name, p, r, f, n);
    }

    /**
     * Returns a confusion matrix as a table: one row per true domain, one count column per
     * predicted domain, in the given order (domains Tribuo never saw count 0).
     */
    public static Table confusion(ConfusionMatrix<Label> cm, List<String> domains) {
        Table t = Table.create("confusion (rows: true or target domain; columns: predicted)");
        StringColumn rows = StringColumn.create("domain");
        domains.forEach(rows::append);
        t.addColumns(rows);
        for (String pred : domains) {
            IntColumn col = IntColumn.create(pred);
            for (String truth : domains) {
                col.append((int) Math.round(cm.confusion(new Label(pred), new Label(truth))));
            }
            t.addColumns(col);
        }
        return t;
    }

    /**
     * Draws a confusion table (as {@link #confusion}) as a heat map of row shares.
     *
     * @param confusion the table
     * @param title the chart title
     * @return the chart
     */
    public static HeatMapChart heatMap(Table confusion, String title) {
        List<String> names = confusion.stringColumn(0).asList();
        int k = names.size();
        HeatMapChart chart =
                new HeatMapChartBuilder()
                        .width(FigureStyle.WIDTH)
                        .height(FigureStyle.HEIGHT)
                        .title(title)
                        .xAxisTitle("predicted domain")
                        .yAxisTitle("target domain")
                        .build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setShowValue(true);
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(1);
        chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0x00, 0x72, 0xB2)});
        List<Number[]> cells = new ArrayList<>();
        for (int r = 0; r < k; r++) {
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += confusion.intColumn(c + 1).getInt(r);
            }
            for (int c = 0; c < k; c++) {
                double share = sum == 0 ? 0 : confusion.intColumn(c + 1).getInt(r) / sum;
                cells.add(new Number[] {c, r, Math.round(share * 100) / 100.0});
            }
        }
        chart.addSeries("share of row", names, names, cells);
        return chart;
    }

    /**
     * Writes a report: {@code summary.csv}, {@code per-domain.csv}, {@code confusion.csv}, the heat
     * map as {@code confusion.png} and {@code .svg}, and {@code tribuo-provenance.txt}.
     *
     * @param r the report
     * @param dir the folder
     * @param title the heat map's title
     * @throws IOException when writing fails
     */
    public static void write(Report r, Path dir, String title) throws IOException {
        Files.createDirectories(dir);
        Table summary =
                Table.create(
                        "domain accuracy",
                        DoubleColumn.create("real_accuracy", new double[] {r.realAccuracy()}),
                        IntColumn.create("real_images", new int[] {r.realCount()}),
                        DoubleColumn.create(
                                "translated_accuracy", new double[] {r.translatedAccuracy()}),
                        IntColumn.create("translations", new int[] {r.translatedCount()}),
                        DoubleColumn.create(
                                "reference_accuracy", new double[] {r.referenceAccuracy()}),
                        DoubleColumn.create("agreement", new double[] {r.agreement()}));
        summary.write().csv(dir.resolve("summary.csv").toFile());
        r.perDomain().write().csv(dir.resolve("per-domain.csv").toFile());
        Table cm = r.confusion();
        cm.write().csv(dir.resolve("confusion.csv").toFile());
        Figures.save(heatMap(cm, title), dir.resolve("confusion"));
        Files.writeString(
                dir.resolve("tribuo-provenance.txt"), r.provenance(), StandardCharsets.UTF_8);
    }
}
