package io.agentlaunchpad.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IAlarmAction;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

import java.util.Map;

/** What should wake someone: dead letters, a stuck queue, failing or throttled functions, API errors and latency. */
public final class Alarms extends Construct {

    public final Topic topic;

    public Alarms(Construct scope, String id, LaunchpadSettings settings, DeployQueues queues,
                  Map<String, Function> functions, RestApi api) {
        super(scope, id);
        topic = Topic.Builder.create(this, "Topic").enforceSsl(true)
                .displayName("Agent Launchpad alarms (" + settings.stage() + ")").build();
        if (!settings.alarmEmail().isBlank()) {
            topic.addSubscription(new EmailSubscription(settings.alarmEmail()));
        }
        IAlarmAction notify = new SnsAction(topic);

        alarm("DeadLetters", queues.deadLetters.metricApproximateNumberOfMessagesVisible(minutes(1)), 1,
                "Deploy commands reached the dead-letter queue", notify);
        alarm("QueueAge", queues.queue.metricApproximateAgeOfOldestMessage(minutes(5)), 600,
                "Deploy commands wait more than 10 minutes", notify);
        functions.forEach((export, function) -> {
            alarm(export + "Errors", function.metricErrors(minutes(5)), 1, export + " failed", notify);
            alarm(export + "Throttles", function.metricThrottles(minutes(5)), 1, export + " was throttled", notify);
        });
        alarm("Api5xx", api.metricServerError(minutes(5)), 5, "The API answered 5xx", notify);
        alarm("ApiLatency", api.metricLatency(MetricOptions.builder().period(Duration.minutes(5)).statistic("p99").build()),
                5000, "API p99 latency above 5 s", notify);
    }

    private static MetricOptions minutes(int n) {
        return MetricOptions.builder().period(Duration.minutes(n)).build();
    }

    private void alarm(String id, software.amazon.awscdk.services.cloudwatch.Metric metric, double threshold,
                       String description, IAlarmAction action) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .metric(metric)
                .threshold(threshold)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .alarmDescription(description)
                .build();
        alarm.addAlarmAction(action);
    }
}
