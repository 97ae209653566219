"""Mutation testing of the modules that decide grades, ranks and deadlines (`make mutation`)."""
