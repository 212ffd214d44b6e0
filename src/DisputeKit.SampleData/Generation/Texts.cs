namespace DisputeKit.SampleData.Generation;

/// <summary>Support message texts in the shop's four languages.</summary>
internal static class Texts
{
    public static IReadOnlyList<string> Locales { get; } = ["nl", "da", "fr", "en"];

    public static string Country(string locale) => locale switch
    {
        "nl" => "NL",
        "da" => "DK",
        "fr" => "FR",
        _ => "GB",
    };

    public static string Currency(string locale) => locale switch
    {
        "da" => "dkk",
        "en" => "gbp",
        _ => "eur",
    };

    public static TimeSpan Offset(string locale) => locale == "en" ? TimeSpan.Zero : TimeSpan.FromHours(1);

    public static (string Subject, string Body) Question(string locale, string orderId) => locale switch
    {
        "nl" => ($"Vraag over bestelling {orderId}", $"Hallo, mijn bestelling {orderId} lijkt nog niet helemaal geleverd. Kunnen jullie even kijken? Groetjes"),
        "da" => ($"Spørgsmål om ordre {orderId}", $"Hej, min ordre {orderId} ser ikke ud til at være helt leveret endnu. Kan I kigge på det? Mvh"),
        "fr" => ($"Question sur la commande {orderId}", $"Bonjour, ma commande {orderId} ne semble pas encore complètement livrée. Pouvez-vous vérifier ? Merci d'avance"),
        _ => ($"Question about order {orderId}", $"Hi, my order {orderId} doesn't look fully delivered yet. Could you have a look? Thanks"),
    };

    public static (string Subject, string Body) Answer(string locale, string orderId) => locale switch
    {
        "nl" => ($"Re: bestelling {orderId}", $"Hoi! We hebben je bestelling {orderId} gecontroleerd: de levering loopt volgens planning en is binnen 24 uur voltooid. Met vriendelijke groet, het supportteam"),
        "da" => ($"Sv: ordre {orderId}", $"Hej! Vi har tjekket ordre {orderId}: leveringen kører som planlagt og er færdig inden for 24 timer. Venlig hilsen, supportteamet"),
        "fr" => ($"Re : commande {orderId}", $"Bonjour ! Nous avons vérifié la commande {orderId} : la livraison se déroule comme prévu et sera terminée sous 24 heures. Cordialement, l'équipe support"),
        _ => ($"Re: order {orderId}", $"Hello! We checked order {orderId}: delivery is running as planned and will finish within 24 hours. Kind regards, the support team"),
    };

    public static (string Subject, string Body) DropComplaint(string locale, string orderId) => locale switch
    {
        "nl" => ($"Volgers verdwenen – {orderId}", $"Ik zie dat een deel van de volgers van bestelling {orderId} weer weg is. Vallen die onder de garantie?"),
        "da" => ($"Følgere forsvundet – {orderId}", $"En del af følgerne fra ordre {orderId} er forsvundet igen. Er det dækket af garantien?"),
        "fr" => ($"Abonnés disparus – {orderId}", $"Une partie des abonnés de la commande {orderId} a disparu. Est-ce couvert par la garantie ?"),
        _ => ($"Followers dropped – {orderId}", $"Part of the followers from order {orderId} are gone again. Is that covered by the guarantee?"),
    };

    public static (string Subject, string Body) CancelRequest(string locale) => locale switch
    {
        "nl" => ("Abonnement opzeggen", "Hallo, ik wil mijn automatische abonnement opzeggen en graag een terugbetaling van de laatste betaling. Bedankt!"),
        "da" => ("Opsige abonnement", "Hej, jeg vil gerne opsige mit automatiske abonnement og have refusion af den seneste betaling. Tak!"),
        "fr" => ("Résilier l'abonnement", "Bonjour, je souhaite résilier mon abonnement automatique et obtenir le remboursement du dernier paiement. Merci !"),
        _ => ("Cancel subscription", "Hi, please cancel my automatic subscription and refund the latest payment. Thanks!"),
    };

    public static (string Subject, string Body) SwapRequest(string locale, string orderId) => locale switch
    {
        "nl" => ($"Account werkt niet – {orderId}", $"Het account van bestelling {orderId} vraagt om verificatie, ik kan niet inloggen. Kan ik een ander krijgen?"),
        "da" => ($"Konto virker ikke – {orderId}", $"Kontoen fra ordre {orderId} beder om bekræftelse, jeg kan ikke logge ind. Kan jeg få en anden?"),
        "fr" => ($"Compte inaccessible – {orderId}", $"Le compte de la commande {orderId} demande une vérification, je ne peux pas me connecter. Puis-je en avoir un autre ?"),
        _ => ($"Account not working – {orderId}", $"The account from order {orderId} asks for verification and I cannot log in. Can I get a replacement?"),
    };

    public static IReadOnlyList<string> FirstNames(string locale) => locale switch
    {
        "nl" => ["Sanne", "Daan", "Femke", "Bram", "Lotte", "Joël", "Noë", "Thijs", "Iris", "Sem"],
        "da" => ["Søren", "Mette", "Jørgen", "Åse", "Mikkel", "Freja", "Kasper", "Ida", "Rasmus", "Sofie"],
        "fr" => ["Élodie", "Théo", "Chloé", "Gaëlle", "Léa", "Benoît", "Noémie", "Hugo", "Inès", "François"],
        _ => ["Oliver", "Amelia", "Harry", "Isla", "Jack", "Ava", "George", "Mia", "Noah", "Zoë"],
    };

    public static IReadOnlyList<string> LastNames(string locale) => locale switch
    {
        "nl" => ["de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer"],
        "da" => ["Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen"],
        "fr" => ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Lefèvre"],
        _ => ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies"],
    };
}
