using Lagebild;
using Lagebild.Ingest;

// PLACEHOLDER front end: the CLI work replaces this file.
var engine = Engine.Create();
var reader = new ArticleReader();
var failed = false;
foreach (var item in reader.Read(args, InputOptions.Default))
{
    if (item.Article is null)
    {
        Console.Error.WriteLine($"{item.Origin}: {item.Error}");
        failed = true;
        continue;
    }

    var context = engine.Pipeline.Run(item.Article);
    Console.WriteLine($"{item.Origin}: {context.Get(Lagebild.Pipeline.Layers.Sentences).Count} sentences");
}

return failed ? 1 : 0;
