"""The function's code: settings, AWS clients, business logic and the Lambda handler."""
