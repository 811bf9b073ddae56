# generated code
