// PLACEHOLDER: the bench work replaces this file.
Console.WriteLine("bench");
