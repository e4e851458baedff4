"""`/arahan_ubah`: changing a published directive (text, priority, OPDs) with a reason, and
taking the report buttons off the messages of a directive that is cancelled or closed."""
