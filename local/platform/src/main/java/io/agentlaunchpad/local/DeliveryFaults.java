package io.agentlaunchpad.local;

/** What the SQS trigger asks before it hands a record over and after the record ran: SQS's at-least-once delivery. */
interface DeliveryFaults {

    DeliveryFaults NONE = new DeliveryFaults() {
        @Override
        public boolean deliverTwice() {
            return false;
        }

        @Override
        public boolean redeliverAfterSuccess() {
            return false;
        }
    };

    /** The record that ran OK is handed to the function once more, as a second delivery of the same message. */
    boolean deliverTwice();

    /** The record that ran OK is not deleted but made visible again at once: SQS delivers it again. */
    boolean redeliverAfterSuccess();
}
