package io.chatspec.load.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.action.builder.ActionBuilder;
import io.gatling.core.structure.ScenarioContext;

/** The Scala-side builder Gatling calls once per scenario to create an action bound to the chat components. */
final class ScalaActionBuilder implements ActionBuilder {
    /** Creates the action; {@code next} is what follows it in the scenario. */
    interface Factory {
        Action create(ChatComponents components, Action next);
    }

    private final Factory factory;

    ScalaActionBuilder(Factory factory) {
        this.factory = factory;
    }

    @Override
    public Action build(ScenarioContext ctx, Action next) {
        return factory.create(ctx.protocolComponentsRegistry().components(ChatProtocol.KEY), next);
    }
}
